import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';
import { clientPod, web } from '../../network/testing';

describe('traffic', () => {
  it('starts clients outside the cluster and in pods, lists them and stops them', () => {
    const tc = testCluster().apply(web('web', 2, 'type: NodePort\nports: [{port: 80, nodePort: 30080}]')).apply(clientPod()).settle();
    const { ok, run } = session(tc);
    expect(ok('traffic http://worker-1:30080/ 10')).toBe('traffic client 1 started: 10 requests/s to http://worker-1:30080/ from outside the cluster\n');
    expect(ok('traffic --from client http://web 5')).toBe('traffic client 2 started: 5 requests/s to http://web from pod default/client\n');
    tc.advance('10s');
    expect(ok('traffic')).toBe(
      'ID    FROM             URL                      RATE   SENT   RESPONSES   STATUS\n' +
        '1     outside          http://worker-1:30080/   10/s   100    200:100     Running\n' +
        '2     default/client   http://web               5/s    50     200:50      Running\n',
    );
    expect(ok('traffic stop 2')).toBe('traffic stopped (1 client)\n');
    expect(ok('traffic stop')).toBe('traffic stopped (1 client)\n');
    expect(ok('traffic stop')).toBe('No traffic clients running.\n');
    expect(run('traffic stop 9')).toEqual({ exitCode: 1, output: 'error: traffic client 9 not found\n' });
  });

  it('refuses what it cannot run, with kubectl-like errors', () => {
    const tc = testCluster().settle();
    const { run } = session(tc);
    expect(run('traffic http://x 0').output).toBe('error: invalid requests per second "0": must be a positive number\n');
    expect(run('traffic ftp://x 1').output).toBe('error: invalid URL "ftp://x": expected http://HOST[:PORT][/PATH]\n');
    expect(run('traffic --from ghost http://x 1').output).toBe('Error from server (NotFound): pods "ghost" not found\n');
    expect(run('traffic http://x').output).toBe('error: usage: traffic [--from POD] URL REQUESTS_PER_SECOND\n');
    expect(run('traffic').output).toBe('No traffic clients.\n');
  });
});
