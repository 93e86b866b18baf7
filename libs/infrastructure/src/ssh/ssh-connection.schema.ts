import { z } from 'zod';
import { boundedText, hostName, userName } from '../config/name-rules';
import { ObjectFactory, oneOf, portNumber, show } from '../config/schema-primitives';

/** An `-o` option name as ssh_config spells them (`ServerAliveInterval`), never something that could be a flag. */
const optionName = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/**
 * ssh `connection`. `key_file` need not exist when the file is read (LocalPort failed the whole load).
 * `strict_host_key_checking` defaults to `yes`: known_hosts is honoured, as ssh without a tty does for LocalPort.
 * Host and user are checked as names (so `-oProxyCommand=...` is refused) and every value is bounded.
 */
export const sshConnectionSchema = (obj: ObjectFactory) =>
  obj({
    host: hostName(),
    port: portNumber().optional(),
    user: userName().nullish(),
    key_file: boundedText(4096, { nonEmpty: true }).nullish(),
    password: boundedText(1024).nullish(),
    remote_host: hostName().optional(),
    strict_host_key_checking: z.preprocess((v) => (v === true ? 'yes' : v === false ? 'no' : v), oneOf(['yes', 'accept-new', 'no'])).optional(),
    ssh_options: z
      .record(z.string(), z.preprocess((v) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : v), boundedText(1024)))
      .superRefine((options, ctx) => {
        for (const key of Object.keys(options)) {
          if (!optionName.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `${show(key)} is not an ssh option name` });
        }
      })
      .nullish(),
  });

export type SshConnectionData = z.output<ReturnType<typeof sshConnectionSchema>>;
