/** `2024—2026`, or one year. */
export function formatPeriod(start: number, end: number | null): string {
  return end && end !== start ? `${start}—${end}` : String(start);
}

/**
 * Compact description of task numbers: `1–26`, or `1–5, 7, 9–12` when there are gaps.
 * Non-numeric numbers are listed as they are.
 */
export function describeNumbers(numbers: readonly string[]): string {
  const ints = numbers.map(Number).filter(Number.isInteger).sort((a, b) => a - b);
  const others = numbers.filter((n) => !Number.isInteger(Number(n)));
  const parts: string[] = [];
  for (let i = 0; i < ints.length; ) {
    let j = i;
    while (j + 1 < ints.length && ints[j + 1]! === ints[j]! + 1) j++;
    parts.push(j > i ? `${ints[i]}–${ints[j]}` : String(ints[i]));
    i = j + 1;
  }
  return [...parts, ...others].join(", ") || "—";
}
