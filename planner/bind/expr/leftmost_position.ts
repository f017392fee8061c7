/** The 1-based query position of the leftmost token of an AST node (PostgreSQL's exprLocation for operators). */
export function leftmostPosition(node: unknown): number | undefined {
  let min = Infinity;
  const visit = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) { n.forEach(visit); return; }
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
      if (k === 'location' && typeof v === 'number' && v >= 0) min = Math.min(min, v);
      else visit(v);
    }
  };
  visit(node);
  return Number.isFinite(min) ? min + 1 : undefined;
}
