import { plainFailure, podRefusal, sayFailure } from './plain-failure';

const error = (code: string, message: string) => Object.assign(new Error(message), { code });

describe(plainFailure.name, () => {
  it.each([
    // Raw texts as Node 20 / OpenSSL 3 and pg give them.
    [error('EPROTO', 'write EPROTO 80EC04BFF77F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:'), 'tls', 'TLS.NOT_TLS'],
    [error('ERR_SSL_WRONG_VERSION_NUMBER', 'SSL routines:ssl3_get_record:wrong version number'), 'postgres', 'TLS.NOT_TLS'],
    [error('ERR_SSL_PACKET_LENGTH_TOO_LONG', 'packet length too long'), 'tls', 'TLS.NOT_TLS'],
    [error('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'kube-api', 'TLS.UNTRUSTED_CERT'],
    [error('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'tls', 'TLS.UNTRUSTED_CERT'],
    [error('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'), 'kube-api', 'TLS.UNTRUSTED_CERT'],
    [error('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls', 'TLS.CERT_EXPIRED'],
    [error('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: "), 'tls', 'TLS.WRONG_NAME'],
    [error('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'ssl3_read_bytes:sslv3 alert handshake failure'), 'tls', 'TLS.HANDSHAKE_FAILED'],
    [new Error('The server does not support SSL connections'), 'postgres', 'TLS.NOT_OFFERED'],
    [error('28000', 'no pg_hba.conf entry for host "127.0.0.1", user "app", database "app", no encryption'), 'postgres', 'TLS.REQUIRED'],
    [error('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'postgres', 'NET.REFUSED'],
    [error('ECONNRESET', 'socket hang up'), 'http', 'NET.RESET'],
  ] as const)('%s -> %s', (e, expecting, code) => {
    const plain = plainFailure(e, expecting);
    expect(plain?.code).toBe(code);
    expect(plain?.words).not.toMatch(/SSL routines|ERR_|ECONN|0A00010B|ssl3_/);
    expect(plain?.raw).toContain(e.message.trim());
  });

  it('leaves an unknown failure alone: the caller shows its raw message', () => {
    expect(plainFailure(error('EWHATEVER', 'something odd'))).toBeNull();
    expect(sayFailure(error('EWHATEVER', 'something odd'))).toBe('something odd');
  });

  it('reads the kubelet refusing a port-forward connection as nothing listening in the pod', () => {
    const line = 'E1203 portforward.go:424] an error occurred forwarding 40001 -> 8080: error forwarding port 8080 to pod 1f2e, uid : failed to connect to localhost:8080 inside namespace "1f2e", IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused';
    expect(podRefusal(line)).toEqual({ code: 'POD.NOTHING_LISTENING', words: 'nothing is listening on port 8080 inside the pod (it refused the connection)', raw: line });
    expect(podRefusal('error: lost connection to pod')).toBeNull();
  });
});
