import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectEnvironmentNames } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { envTitle } from './flow-text';
import { describeRamp, parseHeldStep, parseRampText, parseSmoke } from './ramp-text';
import { ShadowGateFields } from './ShadowGateFields';
import { parseShadowGate, SHADOW_GATE_DEFAULT_TEXT } from './shadow-gate-text';

const DEFAULT_RAMP = '5@2m, 25, 50?, 100';

/** Which environment goes first, blue-green or a ramp, and an optional smoke request; checked as typed. */
export function StartUpdateForm({ onDone }: { onDone(): void }) {
  const id = useId();
  const names = useTurnout(useShallow(selectEnvironmentNames));
  const starting = useTurnout((s) => s.flowCommand === 'start');
  const error = useTurnout((s) => (s.flowError?.command === 'start' ? s.flowError.message : null));
  const connected = useTurnout((s) => s.connection === 'connected');
  const startUpdate = useTurnout((s) => s.startUpdate);
  const [first, setFirst] = useState(names[0] ?? '');
  const [ramp, setRamp] = useState(false);
  const [rampText, setRampText] = useState(DEFAULT_RAMP);
  const [smokePath, setSmokePath] = useState('');
  const [smokeStatus, setSmokeStatus] = useState('200');
  const [heldCommand, setHeldCommand] = useState('');
  const [heldTimeout, setHeldTimeout] = useState('30');
  const [gateText, setGateText] = useState(SHADOW_GATE_DEFAULT_TEXT);
  const plan = parseRampText(rampText);
  const smoke = parseSmoke(smokePath, smokeStatus);
  const held = parseHeldStep(heldCommand, heldTimeout);
  const gate = parseShadowGate(gateText);
  const valid = names.includes(first) && smoke.ok && held.ok && gate.ok && (!ramp || plan.ok);

  const submit = async (): Promise<void> => {
    if (!valid || !smoke.ok || !held.ok || !gate.ok) return;
    const input = {
      first,
      plan: ramp && plan.ok ? plan.value : ('blue-green' as const),
      ...(smoke.value ? { smoke: smoke.value } : {}),
      ...(held.value ? { heldStep: held.value } : {}),
      ...(gate.value ? { shadowGate: gate.value } : {}),
    };
    if (await startUpdate(input)) onDone();
  };
  return (
    <form className="flow-form" aria-label="Start an update" onSubmit={(event) => (event.preventDefault(), void submit())}>
      <fieldset className="flow-choice">
        <legend className="field-label">Update first</legend>
        {names.map((name) => (
          <label key={name} className="check">
            <input type="radio" name={`${id}-first`} value={name} checked={first === name} onChange={() => setFirst(name)} /> {envTitle(name)}
          </label>
        ))}
      </fieldset>
      <fieldset className="flow-choice">
        <legend className="field-label">Plan</legend>
        <label className="check">
          <input type="radio" name={`${id}-plan`} checked={!ramp} onChange={() => setRamp(false)} /> Blue-green: drain, update, verify, swap
        </label>
        <label className="check">
          <input type="radio" name={`${id}-plan`} checked={ramp} onChange={() => setRamp(true)} /> Ramp instead of the swap
        </label>
      </fieldset>
      {ramp && (
        <label className="field flow-ramp">
          <span className="field-label">Ramp steps (weight, @hold, ? waits for you)</span>
          <input
            className="input"
            value={rampText}
            aria-invalid={!plan.ok}
            aria-describedby={`${id}-ramp`}
            onChange={(event) => setRampText(event.currentTarget.value)}
          />
          <span id={`${id}-ramp`} className={plan.ok ? 'muted flow-detail' : 'field-error'}>
            {plan.ok ? `${envTitle(first)}: ${describeRamp(plan.value)}` : plan.error}
          </span>
        </label>
      )}
      <div className="flow-smoke">
        <label className="field">
          <span className="field-label">Smoke request path (optional)</span>
          <input className="input" placeholder="/healthz" value={smokePath} aria-invalid={!smoke.ok} onChange={(event) => setSmokePath(event.currentTarget.value)} />
        </label>
        <label className="field">
          <span className="field-label">Expected status</span>
          <input className="input input-status" inputMode="numeric" value={smokeStatus} aria-invalid={!smoke.ok} onChange={(event) => setSmokeStatus(event.currentTarget.value)} />
        </label>
      </div>
      {!smoke.ok && <p className="field-error">{smoke.error}</p>}
      <div className="flow-smoke">
        <label className="field">
          <span className="field-label">Hold traffic while this command runs (optional)</span>
          <input className="input" placeholder="npm run migrate" value={heldCommand} aria-invalid={!held.ok} onChange={(event) => setHeldCommand(event.currentTarget.value)} />
        </label>
        <label className="field">
          <span className="field-label">Held step limit (s)</span>
          <input className="input input-status" inputMode="numeric" value={heldTimeout} aria-invalid={!held.ok} onChange={(event) => setHeldTimeout(event.currentTarget.value)} />
        </label>
      </div>
      {heldCommand.trim() !== '' && held.ok && (
        <p className="muted flow-detail">Before the {ramp ? 'ramp' : 'swap'}, new requests wait in Turnout while it runs; they go on when it exits 0, or to the safe ratio if it fails.</p>
      )}
      {!held.ok && <p className="field-error">{held.error}</p>}
      <ShadowGateFields text={gateText} parsed={gate} env={first} ramp={ramp} onChange={setGateText} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={!valid || starting || !connected}>
          {starting ? 'Starting…' : `Start: ${envTitle(first)} first`}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          Could not start the update: {error}
        </p>
      )}
    </form>
  );
}
