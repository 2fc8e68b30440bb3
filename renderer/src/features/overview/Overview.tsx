import { LiveChart } from '../chart/LiveChart';
import { DemoCard } from '../demo/DemoCard';
import { FlowPanel } from '../flow/FlowPanel';
import { DemoIntro } from '../intro/DemoIntro';
import { RatioPanel } from '../ratio/RatioPanel';
import { Topology } from '../topology/Topology';

/**
 * Where traffic goes, how to change it, and how it moved. The guided update sits between
 * the diagram and the ratio: it moves the same ratio, step by step. The demo card (demo
 * profiles only) comes first, since on a projector it is what the room is asked to watch.
 */
export function Overview() {
  return (
    <>
      <DemoIntro />
      <DemoCard />
      <Topology />
      <FlowPanel />
      <RatioPanel />
      <LiveChart />
    </>
  );
}
