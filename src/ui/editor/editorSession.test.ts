import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlaygroundStore } from '../../store/playgroundStore';
import { createEditorSession } from './EditorSession';

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('editor session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies the latest buffer, even edits still waiting for the debounce', () => {
    const store = createPlaygroundStore({ defaultEditorText: CM('first') });
    const session = createEditorSession(store);
    session.changed(CM('typed'));
    expect(store.getState().editorText).toBe(CM('first'));
    expect(session.text()).toBe(CM('typed'));
    const outcome = session.apply();
    expect(outcome.lines).toEqual(['configmap/typed created']);
    expect(store.getState().editorText).toBe(CM('typed'));
    expect(session.lastAppliedText()).toBe(CM('typed'));
  });

  it('saves typed text once typing pauses', () => {
    const store = createPlaygroundStore({ defaultEditorText: '' });
    const session = createEditorSession(store);
    session.changed('a');
    session.changed('ab');
    vi.advanceTimersByTime(1000);
    expect(store.getState().editorText).toBe('ab');
  });

  it('remembers only applies that were accepted', () => {
    const store = createPlaygroundStore({ defaultEditorText: 'kind: [' });
    const session = createEditorSession(store);
    expect(session.apply().exitCode).toBe(2);
    expect(session.lastAppliedText()).toBeUndefined();
  });

  it('replaces the text through the editor when it is there, else in the store', () => {
    const store = createPlaygroundStore({ defaultEditorText: 'old' });
    const session = createEditorSession(store);
    session.replaceText('before monaco');
    expect(store.getState().editorText).toBe('before monaco');

    const replaced: string[] = [];
    session.attach({ replaceText: (t) => (replaced.push(t), session.changed(t)), reveal: () => {}, focus: () => {} });
    session.replaceText('undoable');
    expect(replaced).toEqual(['undoable']);
    expect(store.getState().editorText).toBe('undoable');
  });
});
