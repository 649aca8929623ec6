import { describe, it, expect } from 'vitest';
import { kindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { parseTimestamp } from '../../time';
import { GET_TABWRITER, tabwrite } from '../format/tabwriter';
import objectsJson from '../describe/testdata/objects.json?raw';
import nowTxt from '../describe/testdata/now.txt?raw';
import { tableLines, type TableOptions } from './render';
import { humanDuration } from '../../time';

const objects = JSON.parse(objectsJson) as KObject[];
const now = parseTimestamp(nowTxt.trim())!;
const of = (kind: string) => objects.filter((o) => o.kind === kind).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
const render = (kinds: string[], opts: Partial<TableOptions> = {}) =>
  tabwrite(kinds.map((k) => tableLines(kindInfo(k)!, of(k), { now, ...opts }).join('\n')).join('\n\n') + '\n', GET_TABWRITER);

describe('kubectl get tables', () => {
  // These blocks are what kubectl v1.32 printed for the same pods (see describe/testdata).
  it('prints pods with READY, STATUS and RESTARTS computed as printPod does', () => {
    expect(render(['Pod'])).toBe(
      'NAME                   READY   STATUS     RESTARTS       AGE\n' +
        'pending                0/1     Pending    0              365d\n' +
        'two                    0/2     Init:0/1   0              365d\n' +
        'web-7d4b9c5f8d-x2abc   1/1     Running    1 (365d ago)   365d\n',
    );
  });

  it('prints several kinds as blocks with kind-prefixed names and a NAMESPACE column for -A -o wide', () => {
    const out = render(['Pod', 'Service'], { withKind: true, withNamespace: true, wide: true });
    expect(out).toBe(
      'NAMESPACE   NAME                       READY   STATUS     RESTARTS       AGE    IP           NODE       NOMINATED NODE   READINESS GATES\n' +
        'default     pod/pending                0/1     Pending    0              365d   <none>       <none>     <none>           <none>\n' +
        'default     pod/two                    0/2     Init:0/1   0              365d   <none>       worker-2   <none>           <none>\n' +
        'default     pod/web-7d4b9c5f8d-x2abc   1/1     Running    1 (365d ago)   365d   10.244.1.5   worker-1   <none>           <none>\n' +
        '\n' +
        'NAMESPACE   NAME                 TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE    SELECTOR\n' +
        'default     service/kubernetes   ClusterIP   10.96.0.1     <none>        443/TCP        365d   <none>\n' +
        'default     service/web          NodePort    10.96.45.12   <none>        80:31234/TCP   365d   app=web\n',
    );
  });

  it('adds -L columns headed by the label key and LABELS for --show-labels', () => {
    expect(render(['Pod'], { labelColumns: ['app'], showLabels: true })).toBe(
      'NAME                   READY   STATUS     RESTARTS       AGE    APP   LABELS\n' +
        'pending                0/1     Pending    0              365d         <none>\n' +
        'two                    0/2     Init:0/1   0              365d         run=two\n' +
        'web-7d4b9c5f8d-x2abc   1/1     Running    1 (365d ago)   365d   web   app=web,pod-template-hash=7d4b9c5f8d\n',
    );
  });

  it('prints deployments, replica sets and nodes with upstream columns', () => {
    const ageRs = humanDuration(now - parseTimestamp('2025-11-23T08:00:00Z')!);
    expect(render(['Deployment'])).toBe(`NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           ${ageRs}\n`);
    expect(render(['ReplicaSet'], { wide: true })).toBe(
      'NAME             DESIRED   CURRENT   READY   AGE    CONTAINERS   IMAGES       SELECTOR\n' +
        'web-5f6b8c9d47   0         0         0       365d   nginx        nginx:1.24   app=web,pod-template-hash=5f6b8c9d47\n' +
        'web-7d4b9c5f8d   3         3         3       365d   nginx        nginx:1.25   app=web,pod-template-hash=7d4b9c5f8d\n',
    );
    expect(render(['Node'], { wide: true })).toBe(
      'NAME       STATUS   ROLES    AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME\n' +
        'worker-1   Ready    <none>   365d   v1.36.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-1017-azure   containerd://2.1.1\n',
    );
  });

  it('prints events with LAST SEEN, TYPE, REASON, OBJECT and MESSAGE', () => {
    const lines = tableLines(kindInfo('Event')!, of('Event').slice(0, 1), { now });
    expect(lines).toEqual(['LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE', '365d\tWarning\tFailedScheduling\tpod/pending\t' + of('Event')[0].message]);
  });
});
