import { generate } from 'selfsigned';

/** A self-signed serving certificate (it is its own CA) valid for 127.0.0.1, ::1 and localhost. */
export interface FakeKubeCertificate {
  cert: string;
  key: string;
}

let cached: Promise<FakeKubeCertificate> | undefined;

/**
 * Returns the process-wide fake API server certificate, generating it on first use (about 100 ms, pure JS).
 * Go's TLS needs the subjectAltName; the CN alone is refused.
 */
export function fakeKubeCertificate(): Promise<FakeKubeCertificate> {
  cached ??= generate([{ name: 'commonName', value: 'localport-fake-kube-apiserver' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  }).then((pems) => ({ cert: pems.cert, key: pems.private }));
  return cached;
}
