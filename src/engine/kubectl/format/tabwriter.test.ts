import { describe, it, expect } from 'vitest';
import { tabwrite, GET_TABWRITER, DESCRIBE_TABWRITER, TabWriter } from './tabwriter';

describe('tabwrite (Go text/tabwriter)', () => {
  it('pads columns to the widest cell plus three spaces, as kubectl get prints them', () => {
    const text =
      'NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n' +
      'pending\t0/1\tPending\t0\t365d\n' +
      'two\t0/2\tInit:0/1\t0\t365d\n' +
      'web-7d4b9c5f8d-x2abc\t1/1\tRunning\t1 (365d ago)\t365d\n';
    expect(tabwrite(text, GET_TABWRITER)).toBe(
      'NAME                   READY   STATUS     RESTARTS       AGE\n' +
        'pending                0/1     Pending    0              365d\n' +
        'two                    0/2     Init:0/1   0              365d\n' +
        'web-7d4b9c5f8d-x2abc   1/1     Running    1 (365d ago)   365d\n',
    );
  });

  it('keeps the minimum column width of six (kubectl get)', () => {
    expect(tabwrite('AGE\tX\n1h\ty\n', GET_TABWRITER)).toBe('AGE   X\n1h    y\n');
  });

  it('pads an empty trailing cell when the previous cell is tab-terminated (-L with a missing label)', () => {
    expect(tabwrite('NAME\tAGE\tAPP\na\t1h\t\nb\t1h\tweb\n', GET_TABWRITER)).toBe('NAME   AGE   APP\na      1h    \nb      1h    web\n');
  });

  it('starts a new column block after a line without tabs, as describe output shows', () => {
    const text = 'Status:\tRunning\nIP:\t10.244.1.5\nIPs:\n  IP:\t10.244.1.5\nControlled By:\tReplicaSet/web\n';
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe(
      'Status:  Running\nIP:      10.244.1.5\nIPs:\n  IP:           10.244.1.5\nControlled By:  ReplicaSet/web\n',
    );
  });

  it('aligns each flushed segment on its own', () => {
    const w = new TabWriter(DESCRIBE_TABWRITER);
    w.write('A:\t1\nLonger name:\t2\n');
    w.flush();
    w.write('B:\t3\n');
    expect(w.toString()).toBe('A:            1\nLonger name:  2\nB:  3\n');
  });

  it('counts runes, not UTF-16 units, for widths', () => {
    expect(tabwrite('é\tx\nab\ty\n', DESCRIBE_TABWRITER)).toBe('é   x\nab  y\n');
  });
});
