/** A real OpenSSH server on loopback for tests, with its own keys and known_hosts. */
export * from './start-sshd';
export { passwordSshdUnavailable } from './password-namespace';
