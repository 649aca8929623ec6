import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/apiServer';
import type { KObject } from '../api/object';

/**
 * Where addresses lead on the pod network: pod IPs (kindnet routes every node's 10.244.N.0/24),
 * node IPs and names, hostNetwork pods (which share their node's address) and hostPorts (the
 * CNI portmap plugin's DNAT on the node). Kept from the Pod and Node watches; a pod event only
 * touches the maps when its IP, node or deletion changed.
 */
export class PodIndex {
  private readonly byIP = new Map<string, string>();
  private readonly hostNetwork = new Map<string, Set<string>>();
  private readonly hostPorts = new Map<string, Map<number, string>>();
  private readonly nodeIPs = new Map<string, string>();
  private readonly nodeNames = new Map<string, string>();

  constructor(private readonly api: ApiServer) {
    for (const n of api.list('Node')) this.addNode(n);
    for (const p of api.list('Pod')) this.addPod(p);
    api.watch('Node', (ev) => {
      if (ev.old) this.removeNode(ev.old);
      if (ev.type !== 'DELETED') this.addNode(ev.object);
    });
    api.watch('Pod', (ev) => {
      if (ev.old && ev.type === 'MODIFIED' && ev.old.status?.podIP === ev.object.status?.podIP && ev.old.spec === ev.object.spec) return;
      if (ev.old) this.removePod(ev.old);
      if (ev.type !== 'DELETED') this.addPod(ev.object);
    });
  }

  /** "namespace/name" of the pod with this IP (not hostNetwork). */
  podByIP(ip: string): string | undefined {
    return this.byIP.get(ip);
  }

  pod(key: string): Pod | undefined {
    const i = key.indexOf('/');
    return this.api.get('Pod', key.slice(0, i), key.slice(i + 1)) as Pod | undefined;
  }

  /** The node with this InternalIP or name. */
  node(ipOrName: string): { name: string; ip: string } | undefined {
    const name = this.nodeIPs.get(ipOrName) ?? (this.nodeNames.has(ipOrName) ? ipOrName : undefined);
    return name ? { name, ip: this.nodeNames.get(name)! } : undefined;
  }

  nodeIP(name: string): string | undefined {
    return this.nodeNames.get(name);
  }

  nodeList(): { name: string; ip: string }[] {
    return [...this.nodeNames].map(([name, ip]) => ({ name, ip })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  hostNetworkPods(node: string): string[] {
    return [...(this.hostNetwork.get(node) ?? [])];
  }

  hostPortPod(node: string, port: number): string | undefined {
    return this.hostPorts.get(node)?.get(port);
  }

  private addNode(n: KObject): void {
    const ip = (n.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address;
    if (!ip) return;
    this.nodeIPs.set(ip, n.metadata.name!);
    this.nodeNames.set(n.metadata.name!, ip);
  }

  private removeNode(n: KObject): void {
    const ip = this.nodeNames.get(n.metadata.name!);
    if (ip) this.nodeIPs.delete(ip);
    this.nodeNames.delete(n.metadata.name!);
  }

  private addPod(p: KObject): void {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const node = p.spec?.nodeName;
    if (p.spec?.hostNetwork) {
      if (!node) return;
      let s = this.hostNetwork.get(node);
      if (!s) this.hostNetwork.set(node, (s = new Set()));
      s.add(key);
      return;
    }
    const ip = p.status?.podIP;
    if (ip) this.byIP.set(ip, key);
    if (node) {
      for (const c of p.spec?.containers ?? []) {
        for (const port of c.ports ?? []) {
          if (!port.hostPort) continue;
          let m = this.hostPorts.get(node);
          if (!m) this.hostPorts.set(node, (m = new Map()));
          m.set(port.hostPort, key);
        }
      }
    }
  }

  private removePod(p: KObject): void {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const node = p.spec?.nodeName;
    if (node) this.hostNetwork.get(node)?.delete(key);
    const ip = p.status?.podIP;
    if (ip && this.byIP.get(ip) === key) this.byIP.delete(ip);
    if (node) {
      const m = this.hostPorts.get(node);
      if (m) for (const [port, k] of m) if (k === key) m.delete(port);
    }
  }
}
