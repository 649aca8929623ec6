import { describe, it, expect } from 'vitest';
import { fitErrorMessage, reasonHistogram, truncateMessage, type Diagnosis } from './fitError';
import { status } from './framework';
import { NodeInfo } from './nodeInfo';

const nodes = (n: number) => Array.from({ length: n }, (_, i) => new NodeInfo(`node-${i}`, i));

function diagnosis(statuses: ReturnType<typeof status>[], extra: Partial<Diagnosis> = {}): Diagnosis {
  const table: ReturnType<typeof status>[] = [];
  const codes = new Uint16Array(statuses.length);
  statuses.forEach((s, i) => {
    let k = table.indexOf(s);
    if (k < 0) k = table.push(s) - 1;
    codes[i] = k + 1;
  });
  const all = nodes(statuses.length);
  return { nodes: all, start: 0, codes, table, allNodes: all, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '', ...extra };
}

const taint = status('TaintToleration', 'UnschedulableAndUnresolvable', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
const cpu = status('NodeResourcesFit', 'Unschedulable', 'Insufficient cpu');
const cpuMem = status('NodeResourcesFit', 'Unschedulable', 'Insufficient cpu', 'Insufficient memory');

describe('FitError message', () => {
  it('counts and sorts the reasons: the issue example', () => {
    const d = diagnosis([taint, cpu, cpu, cpu]);
    d.postFilterMsg = 'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    expect(fitErrorMessage(d)).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
  });

  it('lets one node contribute each of its reasons', () => {
    expect(reasonHistogram(3, diagnosis([cpuMem, cpu, cpuMem]))).toEqual(['2 Insufficient memory', '3 Insufficient cpu']);
  });

  it('sorts the counted reasons as strings, so 10 comes before 2', () => {
    const many = Array.from({ length: 12 }, (_, i) => (i < 10 ? cpu : taint));
    expect(reasonHistogram(12, diagnosis(many))).toEqual(['10 Insufficient cpu', '2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
  });

  it('prints a PreFilter rejection once instead of the per-node histogram', () => {
    const pre = status('VolumeBinding', 'UnschedulableAndUnresolvable', 'pod has unbound immediate PersistentVolumeClaims');
    const all = nodes(3);
    const d: Diagnosis = { nodes: all, start: 0, codes: new Uint16Array(0), table: [], absent: pre, allNodes: all, unschedulablePlugins: new Set(), preFilterMsg: pre.reasons[0], postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' };
    expect(fitErrorMessage(d)).toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('counts nodes outside a PreFilter node set with the shared absent reason', () => {
    const all = nodes(4);
    const absent = status('NodeAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't satisfy plugin(s) [NodeAffinity]");
    const d: Diagnosis = { nodes: [all[2]], start: 0, codes: new Uint16Array([1]), table: [cpu], absent, allNodes: all, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
    expect(fitErrorMessage(d)).toBe("0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('cuts event messages at 1024 characters ending in " ..."', () => {
    const long = 'x'.repeat(2000);
    const cut = truncateMessage(long, 1024);
    expect(cut.length).toBe(1024);
    expect(cut.endsWith(' ...')).toBe(true);
    expect(truncateMessage('short', 1024)).toBe('short');
  });
});
