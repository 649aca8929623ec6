import { Handle, Position } from '@xyflow/react';

/**
 * Edge anchors (never connectable by hand): targets on both sides, sources on both sides, and
 * one at the bottom for a parent's edge down to its children.
 */
export function Handles({ bottom = false }: { bottom?: boolean }) {
  return (
    <>
      <Handle type="target" position={Position.Left} id="in-l" isConnectable={false} className="k-handle" />
      <Handle type="target" position={Position.Right} id="in-r" isConnectable={false} className="k-handle" />
      <Handle type="source" position={Position.Left} id="out-l" isConnectable={false} className="k-handle" />
      <Handle type="source" position={Position.Right} id="out-r" isConnectable={false} className="k-handle" />
      {bottom && <Handle type="source" position={Position.Bottom} id="out-b" isConnectable={false} className="k-handle k-handle-bottom" />}
    </>
  );
}
