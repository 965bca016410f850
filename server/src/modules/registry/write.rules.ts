// What a registry write must satisfy once its references are loaded — the same for one row and for an import:
// each reference exists in the caller's scope and agrees with its parent, the resource's own check, and who owns it.
import type { Actor } from '../auth/actor.ts';
import type { ResourceDef, Row } from './registry.resource.ts';

export type FieldProblem = { path: string; reason: string };

/**
 * The references of `input` resolved through `lookup` (rows the caller may see, by field and id), or the problems
 * found: a missing reference, one under another parent (`sameAs`), then the resource's own `check`.
 */
export function resolveReferences(
  def: ResourceDef,
  input: Row,
  lookup: (field: string, id: number) => Row | undefined,
): { refs: Record<string, Row>; problems: FieldProblem[] } {
  const refs: Record<string, Row> = {};
  const problems: FieldProblem[] = [];
  for (const ref of def.references) {
    const id = input[ref.field];
    if (id === undefined || id === null) continue;
    const row = lookup(ref.field, Number(id));
    if (!row)
      problems.push({
        path: ref.field,
        reason: `${ref.label} ${String(id)} 不存在 / ${ref.entity} not found`,
      });
    else if (ref.sameAs !== undefined && row[ref.sameAs] !== input[ref.sameAs])
      problems.push({
        path: ref.field,
        reason: `${ref.label}不属于所选的上级对象 / ${ref.entity} belongs to another ${ref.sameAs}`,
      });
    else refs[ref.field] = row;
  }
  if (problems.length === 0) {
    const problem = def.check?.(input, refs);
    if (problem) problems.push(problem);
  }
  return { refs, problems };
}

/** Who owns a written row, or why it cannot be written: an enterprise writing for another, none chosen, none such. */
export type Ownership =
  | { owner: number | null }
  | { refused: 'other_enterprise' | 'enterprise_required' | 'enterprise_not_found'; requested?: number };

/** `enterpriseExists`: whether the enterprise a city-wide role chose exists (asked only then). */
export function decideOwner(
  def: ResourceDef,
  actor: Actor,
  input: Row,
  refs: Record<string, Row>,
  enterpriseExists: (id: number) => boolean,
): Ownership {
  if (def.tenancy !== 'owned') return { owner: null };
  if (def.enterpriseFrom !== undefined) return { owner: Number(refs[def.enterpriseFrom]?.enterpriseId) };
  const requested = input.enterpriseId as number | undefined | null;
  if (actor.role === 'enterprise') {
    if (requested !== undefined && requested !== null && requested !== actor.enterpriseId)
      return { refused: 'other_enterprise' };
    return { owner: actor.enterpriseId };
  }
  if (requested === undefined || requested === null) return { refused: 'enterprise_required' };
  if (!enterpriseExists(requested)) return { refused: 'enterprise_not_found', requested };
  return { owner: requested };
}

/** Whether `decideOwner` will ask which enterprise a city-wide role chose. */
export const choosesEnterprise = (def: ResourceDef, actor: Actor) =>
  def.tenancy === 'owned' && def.enterpriseFrom === undefined && actor.role !== 'enterprise';
