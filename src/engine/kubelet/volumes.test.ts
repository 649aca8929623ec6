import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/testCluster';
import { boundPod, nodeAgents } from './testing';

describe('volumes and the files programs see', () => {
  it('mounts Secrets decoded and downwardAPI files with the pod labels', () => {
    const c = testCluster();
    c.apply('{apiVersion: v1, kind: Secret, metadata: {name: creds}, data: {username: YWRtaW4=, password: czNjcjN0}}');
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: files, labels: {zone: us-est-coast, cluster: test-cluster1}}
spec:
  nodeName: worker-1
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "cat /etc/secret/username; echo; cat /etc/podinfo/labels; echo; ls /etc/secret; sleep 3600"]
    volumeMounts:
    - {name: secret, mountPath: /etc/secret, readOnly: true}
    - {name: podinfo, mountPath: /etc/podinfo}
  volumes:
  - name: secret
    secret: {secretName: creds}
  - name: podinfo
    downwardAPI:
      items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]
`).advance('20s');
    expect(nodeAgents(c).containerLogs('default', 'files')).toEqual(['admin', 'cluster="test-cluster1"', 'zone="us-est-coast"', 'password', 'username']);
    const out = nodeAgents(c).exec('default', 'files', undefined, ['sh', '-c', 'echo x > /etc/secret/new'])!;
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe("sh: can't create /etc/secret/new: Read-only file system\n");
  });

  it('waits for a missing claim, then keeps the claim\'s data after the pod is gone', () => {
    const c = testCluster();
    const writer = boundPod(
      'writer',
      '  - name: w\n    image: busybox:1.36\n    command: ["sh", "-c", "echo saved > /data/file"]\n    volumeMounts: [{name: data, mountPath: /data}]\n',
      '  restartPolicy: Never\n  volumes:\n  - name: data\n    persistentVolumeClaim: {claimName: data}\n',
    );
    c.apply(writer).advance('20s');
    expect(c.get('Pod', 'writer')!.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    c.apply('{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}, spec: {volumeName: pv-data, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}');
    expect(c.until(() => c.get('Pod', 'writer')!.status.phase === 'Succeeded', '5m')).toBe(true);
    c.api.delete('Pod', 'default', 'writer');
    c.apply(
      boundPod(
        'reader',
        '  - name: r\n    image: busybox:1.36\n    command: ["cat", "/data/file"]\n    volumeMounts: [{name: data, mountPath: /data}]\n',
        '  restartPolicy: Never\n  volumes:\n  - name: data\n    persistentVolumeClaim: {claimName: data}\n',
        'worker-2',
      ),
    ).advance('20s');
    expect(nodeAgents(c).containerLogs('default', 'reader')).toEqual(['saved']);
  });

  it('shares hostPath files between pods on the same node only', () => {
    const c = testCluster();
    const pod = (name: string, node: string, cmd: string) =>
      boundPod(name, `  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "${cmd}"]\n    volumeMounts: [{name: h, mountPath: /host}]\n`, '  restartPolicy: Never\n  volumes:\n  - name: h\n    hostPath: {path: /var/log/demo, type: DirectoryOrCreate}\n', node);
    c.apply(pod('a', 'worker-1', 'echo from-a > /host/note')).advance('20s');
    c.apply(pod('b', 'worker-1', 'cat /host/note')).apply(pod('c', 'worker-2', 'cat /host/note')).advance('20s');
    expect(nodeAgents(c).containerLogs('default', 'b')).toEqual(['from-a']);
    expect(nodeAgents(c).containerLogs('default', 'c')).toEqual(["cat: can't open '/host/note': No such file or directory"]);
    expect(c.get('Pod', 'c')!.status.phase).toBe('Failed');
  });

  it('writes the kubelet-managed /etc/hosts with hostAliases', () => {
    const c = testCluster();
    c.apply(
      boundPod('hosts', '  - {name: cat-hosts, image: busybox:1.28, command: [cat], args: ["/etc/hosts"]}', '  restartPolicy: Never\n  hostAliases:\n  - ip: "127.0.0.1"\n    hostnames: ["foo.local", "bar.local"]\n'),
    ).advance('20s');
    const ip = c.get('Pod', 'hosts')!.status.podIP;
    expect(nodeAgents(c).containerLogs('default', 'hosts')).toEqual([
      '# Kubernetes-managed hosts file.',
      '127.0.0.1\tlocalhost',
      '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::0\tip6-localnet',
      'fe00::0\tip6-mcastprefix',
      'fe00::1\tip6-allnodes',
      'fe00::2\tip6-allrouters',
      `${ip}\thosts`,
      '',
      '# Entries added by HostAliases.',
      '127.0.0.1\tfoo.local\tbar.local',
    ]);
  });
});

describe('pod spec changes and deadlines', () => {
  it('restarts a container whose image changes in place', () => {
    const c = testCluster();
    c.apply(boundPod('web', '  - {name: web, image: "nginx:1.26"}')).advance('20s');
    c.api.patch('Pod', 'default', 'web', (d: any) => {
      d.spec.containers[0].image = 'nginx:1.27';
    });
    c.advance('20s');
    expect(c.eventsFor('web')).toContain('Killing: Container web definition changed, will be restarted');
    const cs = c.get('Pod', 'web')!.status.containerStatuses[0];
    expect(cs).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.27', ready: true });
  });

  it('fails a pod past its activeDeadlineSeconds', () => {
    const c = testCluster();
    c.apply(boundPod('deadline', '  - {name: s, image: "busybox:1.36", command: ["sleep", "3600"]}', '  activeDeadlineSeconds: 30\n')).advance('90s');
    const pod = c.get('Pod', 'deadline')!;
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(c.eventsFor('deadline')).toContain('Killing: Stopping container s');
  });
});
