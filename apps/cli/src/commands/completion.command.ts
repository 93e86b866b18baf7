import { homedir } from 'node:os';
import { Command } from 'commander';
import { resolveConfigPath } from '@localport/infrastructure';
import { EXIT } from '../cli-error';
import { completeWords } from '../completion/complete-words';
import { completionScript, Shell } from '../completion/completion-scripts';
import { readConfigNames } from '../completion/config-names';

/** The config file named by `-c`/`--config` among the typed words, else the usual lookup; null when there is none. */
function configFrom(words: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let i = 0; i < words.length - 1; i++) {
    if ((words[i] === '-c' || words[i] === '--config') && i + 1 < words.length - 1) return words[i + 1];
    if (words[i].startsWith('--config=')) return words[i].slice('--config='.length);
  }
  const found = resolveConfigPath({ env, cwd: process.cwd(), homedir: homedir() });
  return found.ok ? found.value : null;
}

/** `localport completion bash|zsh|fish`, and the hidden `localport __complete -- WORDS...` the scripts call. */
export default async function completion(program: Command, cmd: Command, [arg]: unknown[]): Promise<number> {
  if (cmd.name() === 'completion') {
    process.stdout.write(completionScript(arg as Shell));
    return EXIT.ok;
  }
  const words = arg as string[];
  const candidates = completeWords(program, words.length ? words : [''], readConfigNames(configFrom(words, process.env), process.env));
  if (candidates.length) process.stdout.write(`${candidates.join('\n')}\n`);
  return EXIT.ok;
}
