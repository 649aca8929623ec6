import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiServer';
import { decodeBase64 } from './env';
import { CLUSTER_DNS_IP as DNS_IP, resolvConf } from '../../network/dns';

/** The cluster DNS Service's address, which kubelet writes as the pods' nameserver (kubeadm: the 10th of the range). */
export const CLUSTER_DNS_IP = DNS_IP;

/**
 * The files a container can read that Kubernetes put there: /etc/hostname, /etc/hosts and
 * /etc/resolv.conf (written by the kubelet), the service-account namespace file, and the keys
 * of mounted ConfigMap and Secret volumes. Paths map to contents.
 */
export function containerFiles(api: ApiServer, pod: Pod, container: Container, clusterDomain: string): Map<string, string> {
  const files = new Map<string, string>();
  const ns = pod.metadata!.namespace!;
  const hostname = pod.spec?.hostname || pod.metadata!.name!;
  files.set('/etc/hostname', `${hostname}\n`);
  let hosts =
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const ip = pod.status?.podIP;
  if (ip) {
    const sub = pod.spec?.subdomain;
    hosts += sub ? `${ip}\t${hostname}.${sub}.${ns}.svc.${clusterDomain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  }
  for (const ha of pod.spec?.hostAliases ?? []) hosts += `\n# Entries added by HostAliases.\n${ha.ip}\t${(ha.hostnames ?? []).join('\t')}\n`;
  files.set('/etc/hosts', hosts);
  files.set('/etc/resolv.conf', resolvConf(pod, clusterDomain));
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const m of container.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    if (!v) continue;
    const dir = m.mountPath.replace(/\/$/, '');
    if (v.configMap || v.secret) {
      const src = v.configMap ? api.get('ConfigMap', ns, v.configMap.name!) : api.get('Secret', ns, v.secret!.secretName!);
      const data: Record<string, string> = src?.data ?? {};
      const items = (v.configMap?.items ?? v.secret?.items) ?? Object.keys(data).map((k) => ({ key: k, path: k }));
      for (const it of items) {
        if (!(it.key in data)) continue;
        const value = v.secret ? decodeBase64(data[it.key]) : data[it.key];
        files.set(m.subPath ? dir : `${dir}/${it.path}`, value);
      }
    } else if (v.projected) {
      for (const s of v.projected.sources ?? []) {
        if (s.downwardAPI) for (const it of s.downwardAPI.items ?? []) if (it.fieldRef?.fieldPath === 'metadata.namespace') files.set(`${dir}/${it.path}`, ns);
      }
    }
  }
  return files;
}
