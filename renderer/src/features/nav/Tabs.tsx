import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * A WAI-ARIA tab list: one tab stop, arrow keys / Home / End move and activate. The panels
 * are rendered by the caller with id `panel-<key>` and aria-labelledby `tab-<key>`.
 */
export function Tabs<K extends string>({ items, current, onChange }: { items: readonly TabItem<K>[]; current: K; onChange(key: K): void }) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (event: KeyboardEvent, index: number): void => {
    const last = items.length - 1;
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = items[(target + items.length) % items.length]!;
    onChange(next.key);
    refs.current.get(next.key)?.focus();
  };
  return (
    <nav className="tabs" role="tablist" aria-label="Views">
      {items.map((item, index) => (
        <button
          key={item.key}
          ref={(element) => {
            if (element) refs.current.set(item.key, element);
          }}
          type="button"
          role="tab"
          id={`tab-${item.key}`}
          aria-controls={`panel-${item.key}`}
          aria-selected={item.key === current}
          tabIndex={item.key === current ? 0 : -1}
          className={item.key === current ? 'tab tab-current' : 'tab'}
          onClick={() => onChange(item.key)}
          onKeyDown={(event) => move(event, index)}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}
