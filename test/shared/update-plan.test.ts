import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../shared/domain/profile';
import { rampPlanSchema, shareWeights, withUnconfirmedCommands } from '../../shared/domain/update-plan';

describe('update plan rules', () => {
  it.each([
    [[{ weight: 5, holdMs: 120_000 }, { weight: 25 }, { weight: 50, gate: true }, { weight: 100 }], null],
    [[{ weight: 50 }, { weight: 25 }, { weight: 100 }], 'steps.1.weight: must be more than the step before (50)'],
    [[{ weight: 50 }, { weight: 50 }, { weight: 100 }], 'steps.1.weight: must be more than the step before (50)'],
    [[{ weight: 5 }, { weight: 90 }], 'steps.1.weight: the last step must be 100'],
    [[{ weight: 5, holdMs: -1 }, { weight: 100 }], 'steps.0.holdMs: must be at least 0'],
    [[], 'steps: needs at least one step'],
  ])('ramp %j → %s', (steps, problem) => {
    const parsed = rampPlanSchema.safeParse({ steps });
    const issue = parsed.error?.issues[0];
    expect(issue ? `${issue.path.join('.')}: ${issue.message}` : null).toBe(problem);
  });

  it.each([
    [{ a: 70, b: 30 }, 'a', 0, { a: 0, b: 100 }],
    [{ a: 50, b: 20, c: 30 }, 'b', 0, { a: 63, b: 0, c: 37 }],
    [{ a: 100, b: 0, c: 0 }, 'a', 0, { a: 0, b: 50, c: 50 }],
    [{ a: 0, b: 60, c: 40 }, 'a', 25, { a: 25, b: 45, c: 30 }],
    [{ a: 10, b: 45, c: 45 }, 'a', 100, { a: 100, b: 0, c: 0 }],
  ])('shareWeights(%j, %s, %i) = %j, summing to 100', (base, name, weight, expected) => {
    expect(shareWeights(base, name, weight)).toEqual(expected);
  });

  it('an import leaves every command unconfirmed; commands must name an environment', () => {
    const base = {
      name: 'P', listen: '127.0.0.1:0', routing: 'round-robin', demo: false,
      environments: [{ name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:1', weight: 100 }, { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:2', weight: 0 }],
    } as const;
    const profile = profileSchema.parse({ ...base, update: { commands: { blue: { command: 'docker compose up -d blue', confirmed: true } } } });
    expect(withUnconfirmedCommands(profile).update.commands.blue).toEqual({ command: 'docker compose up -d blue', confirmed: false });
    expect(profileSchema.safeParse({ ...base, update: { commands: { red: { command: 'x' } } } }).error?.issues[0]?.message).toBe('unknown environment "red"');
  });
});
