import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { Background, BackgroundVariant, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import { usePlayground, usePlaygroundStore, useSnapshot } from '../StoreContext';
import { INITIAL_CANVAS, snapshotToFlow, type CanvasState } from './model/canvasFlow';
import type { CanvasEdge, CanvasNode } from './model/flowTypes';
import { PullTracker } from './model/pullProgress';
import { refOfNode } from './model/refs';
import type { TierChoice } from './model/tier';
import { NODE_TYPES } from './nodes/nodeTypes';
import { EDGE_TYPES } from './edges/edgeTypes';
import { CanvasOptions } from './CanvasOptions';
import { Legend } from './Legend';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';
import { contentBounds, shouldRefit, visibleRect, type Rect } from './model/autoFit';
import { ClientRates, countersOf } from './traffic/counters';
import { useTrafficLanes } from './traffic/useTrafficLanes';
import { useThrottled } from './traffic/useThrottled';
import { TrafficDots } from './traffic/TrafficDots';
import { TrafficLanes } from './traffic/TrafficLanes';
import { createCountersStore, TrafficCountersContext } from './traffic/TrafficCountersContext';
import './canvas.css';
import './traffic/traffic.css';

/** Below this zoom, cards collapse to their glyphs and nodes to their counts. */
const FAR_ZOOM = 0.34;
/** Room for the overlays: options and legend on top, zoom controls at the bottom left. */
const FIT_MARGIN = { top: 64, bottom: 20, left: 56, right: 24 } as const;
const FIT_PADDING = { top: `${FIT_MARGIN.top}px`, bottom: `${FIT_MARGIN.bottom}px`, left: `${FIT_MARGIN.left}px`, right: `${FIT_MARGIN.right}px` } as const;
/** How often traffic numbers (counters, rates) change on screen while the clock runs. */
const TRAFFIC_TEXT_MS = 250;
/** Props React Flow gets as the same objects every render (a new object or function sets its store again). */
const FIT_VIEW_OPTIONS = { padding: FIT_PADDING } as const;
const FIT_VIEW_OPTIONS_STILL = { padding: FIT_PADDING, duration: 0 } as const;
const FIT_VIEW_OPTIONS_ANIMATED = { padding: FIT_PADDING, duration: 300 } as const;
const PRO_OPTIONS = { hideAttribution: true } as const;
const MINIMAP_STYLE = { width: 150, height: 100 } as const;
const minimapColor = (n: { type?: string }) => MINIMAP_COLORS[n.type ?? ''] ?? '#555';
const MemoCanvasOptions = memo(CanvasOptions);
const MemoLegend = memo(Legend);
const isFar = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;
const paneAspect = (s: { width: number; height: number }) => (s.width > 0 && s.height > 0 ? Math.round((s.width / s.height) * 10) / 10 : 16 / 9);

const MINIMAP_COLORS: Record<string, string> = {
  clusterNode: '#2a3550',
  nodeTile: '#2a3550',
  heatmap: '#2a3550',
  unscheduled: '#3a3320',
  pod: '#4c8dff',
  workload: '#7a5cff',
  service: '#2ed3b7',
  ingress: '#ff9f43',
  pvc: '#c5d94a',
  pv: '#c5d94a',
  client: '#9aa6bf',
};

function kubeletStoppedLookup(cluster: unknown): (node: string) => boolean {
  // A read-only look at the node agents: `chaos node-down` stops a kubelet long before the node turns NotReady.
  const agents = (cluster as { controlPlane?: { nodes?: { isRunning?: (n: string) => boolean } } }).controlPlane?.nodes;
  const isRunning = agents?.isRunning;
  return typeof isRunning === 'function' ? (n) => !isRunning.call(agents, n) : () => false;
}

function CanvasFlow() {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const snap = useSnapshot();
  const selected = usePlayground((s) => s.selected);
  // A chaos command may stop a kubelet without writing anything yet: redraw after every command.
  const commands = usePlayground((s) => s.consoleHistory.length);
  const [hovered, setHovered] = useState<string>();
  const [tierChoice, setTierChoice] = useState<TierChoice>('auto');
  const [showSystem, setShowSystem] = useState(false);
  const state = useRef<CanvasState>(INITIAL_CANVAS);
  const tracker = useRef<PullTracker>(null);
  const far = useStore(isFar);
  const aspect = useStore(paneAspect);
  const reduced = usePrefersReducedMotion();
  const rf = useReactFlow<CanvasNode, CanvasEdge>();

  const frame = useMemo(() => {
    const cluster = store.driver().cluster;
    tracker.current ??= new PullTracker();
    const pulls = tracker.current;
    pulls.sync(cluster.recorder.log);
    const f = snapshotToFlow(snap, state.current, {
      model: { showSystem, kubeletStopped: kubeletStoppedLookup(cluster) },
      tier: tierChoice,
      selected,
      hovered,
      pullProgress: (v) => pulls.progress(v.uid, snap.time),
      aspect,
    });
    state.current = f;
    return f;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, snap, selected, hovered, tierChoice, showSystem, aspect, commands]);

  // The view follows the picture until the person pans or zooms; pressing fit hands it back.
  const userMoved = useRef(false);
  const fitted = useRef<Rect>(undefined);
  const flowApi = useStoreApi<CanvasNode, CanvasEdge>();
  const fit = useCallback(() => {
    fitted.current = contentBounds(state.current.nodes);
    void rf.fitView({ padding: FIT_PADDING, duration: reduced ? 0 : 300 });
  }, [rf, reduced]);
  // Another tier or another cluster (reset, share link) is a new picture: fit it whatever happened before.
  const shape = `${frame.tier}:${frame.model.nodes.length}:${frame.grid.cols}`;
  useEffect(() => {
    userMoved.current = false;
    const id = requestAnimationFrame(fit);
    return () => cancelAnimationFrame(id);
  }, [shape, fit]);
  // Objects arriving out of view, or the picture changing size a lot, fit it again (unless the person moved).
  const bounds = contentBounds(frame.nodes);
  const boundsKey = bounds ? `${Math.round(bounds.x / 8)}:${Math.round(bounds.y / 8)}:${Math.round(bounds.w / 8)}:${Math.round(bounds.h / 8)}:${aspect}` : '';
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const s = flowApi.getState();
      const next = contentBounds(state.current.nodes);
      if (shouldRefit({ prev: fitted.current, next, visible: visibleRect(s.transform, s.width, s.height, FIT_MARGIN), userMoved: userMoved.current })) fit();
    });
    return () => cancelAnimationFrame(id);
  }, [boundsKey, flowApi, fit]);

  // Traffic: counters for pods and clients (their own store), and the lanes with their rates,
  // refreshed a few times a second while the clock runs and at once when it stops.
  const playing = usePlayground((s) => s.playing);
  const traffic = useThrottled(snap, playing ? TRAFFIC_TEXT_MS : 0).traffic;
  const [counters] = useState(createCountersStore);
  const rates = useRef<ClientRates>(null);
  const trafficCounters = useMemo(() => countersOf(traffic, (rates.current ??= new ClientRates())), [traffic]);
  useEffect(() => counters.setState(trafficCounters, true), [counters, trafficCounters]);
  const lanes = useTrafficLanes(frame, traffic, trafficCounters.clientRps);

  // In the heat map, a chosen node opens as a tile beside it: bring that tile into view.
  const detailTile = frame.tier === 'heat' ? frame.nodes.find((n) => n.type === 'nodeTile')?.id : undefined;
  useEffect(() => {
    if (!detailTile) return;
    const id = requestAnimationFrame(() => void rf.fitView({ nodes: [{ id: detailTile }], maxZoom: 1.2, padding: FIT_PADDING, duration: reduced ? 0 : 300 }));
    return () => cancelAnimationFrame(id);
  }, [rf, detailTile, reduced]);

  const onNodeClick = useCallback((_: unknown, node: CanvasNode) => {
    const ref = refOfNode(node);
    if (ref) store.getState().select(ref);
  }, [store]);

  const onPaneClick = useCallback(() => store.getState().select(undefined), [store]);
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    // Only the person's own pans and zooms carry an event; fitting the view does not.
    if (e) userMoved.current = true;
  }, []);
  const onNodeMouseEnter = useCallback((_: ReactMouseEvent, n: CanvasNode) => setHovered(n.type === 'heatmap' || n.type === 'unscheduled' ? undefined : n.id), []);
  const onNodeMouseLeave = useCallback(() => setHovered(undefined), []);
  const onFitView = useCallback(() => {
    userMoved.current = false;
    fitted.current = contentBounds(state.current.nodes);
  }, []);
  const onZoom = useCallback(() => {
    userMoved.current = true;
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    // React Flow focuses nodes with Tab; Enter selects the focused one (its own selection is off).
    const el = e.target as HTMLElement;
    if (e.key !== 'Enter' || !el.classList.contains('react-flow__node')) return;
    const node = state.current.nodes.find((n) => n.id === el.dataset.id);
    const ref = node && refOfNode(node);
    if (ref) store.getState().select(ref);
  }, [store]);

  const empty = frame.model.workloads.length === 0 && frame.model.pods.size === 0 && frame.model.services.length === 0;

  return (
    <TrafficCountersContext.Provider value={counters}>
    <div
      className={`canvas-pane tier-${frame.tier}${far ? ' zoom-far' : ''}${reduced ? ' reduced-motion' : ''}`}
      data-testid="canvas"
      data-tier={frame.tier}
      aria-label={t('canvas.label')}
      onKeyDown={onKeyDown}
    >
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={frame.nodes}
        edges={frame.edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        onNodeMouseEnter={onNodeMouseEnter}
        onNodeMouseLeave={onNodeMouseLeave}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        panActivationKeyCode={null}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomActivationKeyCode={null}
        onlyRenderVisibleElements={frame.tier === 'compact'}
        minZoom={0.02}
        maxZoom={2.5}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        proOptions={PRO_OPTIONS}
        colorMode="dark"
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#2a3550" />
        <Controls
          showInteractive={false}
          position="bottom-left"
          fitViewOptions={reduced ? FIT_VIEW_OPTIONS_STILL : FIT_VIEW_OPTIONS_ANIMATED}
          onFitView={onFitView}
          onZoomIn={onZoom}
          onZoomOut={onZoom}
        />
        <TrafficLanes lanes={lanes} />
        {!reduced && <TrafficDots frame={frame} />}
        {(frame.tier !== 'detailed' || frame.model.nodes.length > 6) && (
          <MiniMap pannable zoomable position="bottom-right" style={MINIMAP_STYLE} nodeColor={minimapColor} maskColor="rgba(15,20,32,0.7)" />
        )}
        <Panel position="top-left">
          <MemoCanvasOptions choice={tierChoice} tier={frame.tier} onChoice={setTierChoice} showSystem={showSystem} onShowSystem={setShowSystem} />
        </Panel>
        <Panel position="top-right">
          <MemoLegend reduced={reduced} />
        </Panel>
        {empty && (
          <Panel position="top-center" className="canvas-empty">
            {t('canvas.empty')}
          </Panel>
        )}
      </ReactFlow>
    </div>
    </TrafficCountersContext.Provider>
  );
}

/** The live cluster: nodes holding their pods, workloads, Services, Ingresses and volumes. */
export function CanvasPane() {
  return (
    <ReactFlowProvider>
      <CanvasFlow />
    </ReactFlowProvider>
  );
}
