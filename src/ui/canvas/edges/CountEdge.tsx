import { memo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { CanvasEdge } from '../model/flowTypes';
import { labelBox } from './labelBox';

/**
 * An aggregated edge (a workload or Service to the node holding its pods) with its count as a
 * label: React Flow's default curve, and a label sized from its text instead of measured.
 */
function CountEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, style, interactionWidth }: EdgeProps<CanvasEdge>) {
  const [path, x, y] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const text = label === undefined || label === null ? '' : String(label);
  const box = labelBox(text);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {text && (
        <g className="react-flow__edge-textwrapper" transform={`translate(${x} ${y})`}>
          <rect className="react-flow__edge-textbg" x={box.x} y={box.y} width={box.width} height={box.height} rx={2} ry={2} />
          <text className="react-flow__edge-text" textAnchor="middle" dy="0.35em">
            {text}
          </text>
        </g>
      )}
    </>
  );
}

export const CountEdge = memo(CountEdgeImpl);
