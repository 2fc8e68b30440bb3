import { LiveChart } from '../chart/LiveChart';
import { DemoIntro } from '../intro/DemoIntro';
import { RatioPanel } from '../ratio/RatioPanel';
import { Topology } from '../topology/Topology';

/**
 * Where traffic goes, how to change it, and how it moved. The guided update flow gets its
 * panel between the diagram and the ratio (slot below) once its contract is settled.
 */
export function Overview() {
  return (
    <>
      <DemoIntro />
      <Topology />
      {/* FlowPanel slot: the update flow (state.flow, updateStart/Next/Abort) goes here. */}
      <RatioPanel />
      <LiveChart />
    </>
  );
}
