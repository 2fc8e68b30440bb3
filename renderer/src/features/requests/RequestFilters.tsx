import { useShallow } from 'zustand/react/shallow';
import { STATUS_CLASSES, type RequestFilter, type StatusClass } from '../../../../shared/contract/inspect';
import { useTurnout } from '../../store/store-context';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Environment, status class, method, path text and "slower than": every one narrows the list. */
export function RequestFilters() {
  const filter = useTurnout((s) => s.requestFilter);
  const environments = useTurnout(useShallow((s) => s.server?.environments.map((env) => env.name) ?? []));
  const setFilter = useTurnout((s) => s.setRequestFilter);
  const change = (patch: Partial<RequestFilter>): void => {
    const next: RequestFilter = { ...filter, ...patch };
    for (const key of Object.keys(next) as (keyof RequestFilter)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    setFilter(next);
  };
  return (
    <form className="request-filters" aria-label="Filter requests" onSubmit={(event) => event.preventDefault()}>
      <ChoiceFilter label="Environment" value={filter.environment} choices={environments} onChange={(environment) => change({ environment })} />
      <ChoiceFilter label="Status" value={filter.status} choices={STATUS_CLASSES} onChange={(status) => change({ status: status as StatusClass | undefined })} />
      <ChoiceFilter label="Method" value={filter.method} choices={METHODS} onChange={(method) => change({ method })} />
      <label>
        Path contains
        <input type="search" value={filter.path ?? ''} onChange={(event) => change({ path: event.target.value || undefined })} />
      </label>
      <label>
        Slower than (ms)
        <input
          type="number"
          min={0}
          value={filter.slowerThanMs ?? ''}
          onChange={(event) => change({ slowerThanMs: event.target.value === '' ? undefined : Math.max(0, Number(event.target.value)) })}
        />
      </label>
    </form>
  );
}

/** One "all or one of these" filter; an empty choice is "all" (undefined). */
function ChoiceFilter(props: { label: string; value: string | undefined; choices: readonly string[]; onChange(value: string | undefined): void }) {
  return (
    <label>
      {props.label}
      <select value={props.value ?? ''} onChange={(event) => props.onChange(event.target.value || undefined)}>
        <option value="">all</option>
        {props.choices.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
