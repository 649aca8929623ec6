/**
 * Shell arithmetic ($((...)) and `let`): integers with + - * / % comparisons, logical
 * operators, parentheses and variable names (unset or empty names count as 0).
 */
export function evalArith(expr: string, lookup: (name: string) => string | undefined): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const value = (name: string): number => {
    const v = lookup(name.replace(/^\$/, ''));
    if (v === undefined || v.trim() === '') return 0;
    const n = Number.parseInt(v.trim(), 10);
    return Number.isNaN(n) ? 0 : n;
  };
  const primary = (): number => {
    const t = next();
    if (t === undefined) return 0;
    if (t === '(') {
      const v = or();
      if (peek() === ')') next();
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (/^\d+$/.test(t)) return Number(t);
    return value(t);
  };
  const mul = (): number => {
    let v = primary();
    for (;;) {
      const op = peek();
      if (op !== '*' && op !== '/' && op !== '%') return v;
      next();
      const r = primary();
      if (op === '*') v = v * r;
      else if (r === 0) throw new Error('arithmetic syntax error: division by zero');
      else v = op === '/' ? Math.trunc(v / r) : v % r;
    }
  };
  const add = (): number => {
    let v = mul();
    for (;;) {
      const op = peek();
      if (op !== '+' && op !== '-') return v;
      next();
      const r = mul();
      v = op === '+' ? v + r : v - r;
    }
  };
  const cmp = (): number => {
    let v = add();
    for (;;) {
      const op = peek();
      if (!['<', '>', '<=', '>=', '==', '!='].includes(op ?? '')) return v;
      next();
      const r = add();
      v = op === '<' ? +(v < r) : op === '>' ? +(v > r) : op === '<=' ? +(v <= r) : op === '>=' ? +(v >= r) : op === '==' ? +(v === r) : +(v !== r);
    }
  };
  const and = (): number => {
    let v = cmp();
    while (peek() === '&&') {
      next();
      const r = cmp();
      v = v && r ? 1 : 0;
    }
    return v;
  };
  const or = (): number => {
    let v = and();
    while (peek() === '||') {
      next();
      const r = and();
      v = v || r ? 1 : 0;
    }
    return v;
  };
  return or();
}
