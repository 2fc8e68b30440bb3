import { useShallow } from 'zustand/react/shallow';
import { sameWeights } from '../../../../shared/domain/ratio';
import { presetKey } from '../../../../shared/domain/shortcuts';
import { selectAppliedWeights, selectPresets } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

/** The same presets as the tray: one click (or its digit key) applies one (no draft, it is a deliberate choice). */
export function PresetButtons() {
  const presets = useTurnout(selectPresets);
  const applied = useTurnout(useShallow(selectAppliedWeights));
  const running = useTurnout((s) => s.runningCommand);
  const connected = useTurnout((s) => s.connection === 'connected');
  const error = useTurnout((s) => (s.commandError?.command.startsWith('preset:') ? s.commandError.message : null));
  const applyPreset = useTurnout((s) => s.applyPreset);
  if (presets.length === 0) return null;
  return (
    <div className="presets" role="group" aria-labelledby="presets-title">
      <h3 id="presets-title" className="section-title">
        Presets
      </h3>
      <div className="preset-row">
        {presets.map((preset, index) => {
          const current = sameWeights(preset.weights, applied);
          const key = presetKey(index);
          return (
            <button
              key={preset.name}
              type="button"
              className={current ? 'button preset preset-current' : 'button preset'}
              aria-pressed={current}
              aria-keyshortcuts={key ?? undefined}
              disabled={!connected || running !== null}
              title={preset.builtIn ? undefined : 'Your preset'}
              onClick={() => void applyPreset(preset.name)}
            >
              {preset.name}
              {/* Seen, not read: aria-keyshortcuts tells assistive technology, and the name stays the preset's. */}
              {key && <kbd className="preset-key" aria-hidden="true">{key}</kbd>}
            </button>
          );
        })}
      </div>
      {error && (
        <p className="alert" role="alert">
          Could not apply the preset: {error}
        </p>
      )}
    </div>
  );
}
