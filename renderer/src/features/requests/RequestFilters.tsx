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
      <label>
        Environment
        <select value={filter.environment ?? ''} onChange={(event) => change({ environment: event.target.value || undefined })}>
          <option value="">all</option>
          {environments.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filter.status ?? ''} onChange={(event) => change({ status: (event.target.value || undefined) as StatusClass | undefined })}>
          <option value="">all</option>
          {STATUS_CLASSES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Method
        <select value={filter.method ?? ''} onChange={(event) => change({ method: event.target.value || undefined })}>
          <option value="">all</option>
          {METHODS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
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
