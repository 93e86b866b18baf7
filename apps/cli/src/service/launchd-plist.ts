import { join } from 'node:path';
import { LoginServiceSpec } from './login-service';

/** launchd's label for LocalPort's agent (also the plist's file name). */
export const LAUNCHD_LABEL = 'io.localport.daemon';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const str = (s: string) => `<string>${xml(s)}</string>`;

/** The LaunchAgent: `localport daemon run` at load (login), kept alive after a crash but not after a clean exit. */
export function renderLaunchdPlist(spec: LoginServiceSpec): string {
  const args = [spec.node, spec.cliMain, '--config', spec.configPath, 'daemon', 'run'];
  const env = Object.entries(spec.env).flatMap(([k, v]) => [`      <key>${xml(k)}</key>`, `      ${str(v)}`]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Written by `localport service install`; `localport service uninstall` removes it. -->',
    '<plist version="1.0">',
    '  <dict>',
    `    <key>Label</key>`,
    `    ${str(LAUNCHD_LABEL)}`,
    '    <key>ProgramArguments</key>',
    '    <array>',
    ...args.map((a) => `      ${str(a)}`),
    '    </array>',
    '    <key>EnvironmentVariables</key>',
    '    <dict>',
    ...env,
    '    </dict>',
    '    <key>WorkingDirectory</key>',
    `    ${str(spec.home)}`,
    '    <key>RunAtLoad</key>',
    '    <true/>',
    '    <key>KeepAlive</key>',
    '    <dict>',
    '      <key>SuccessfulExit</key>',
    '      <false/>',
    '    </dict>',
    '    <key>ThrottleInterval</key>',
    '    <integer>5</integer>',
    '    <key>StandardOutPath</key>',
    `    ${str(join(spec.logDir, 'launchd.out.log'))}`,
    '    <key>StandardErrorPath</key>',
    `    ${str(join(spec.logDir, 'launchd.err.log'))}`,
    '  </dict>',
    '</plist>',
    '',
  ].join('\n');
}
