// @lhncbc/ucum-lhc ships no types; lib/clinical/units.ts describes the part it uses.
declare module "@lhncbc/ucum-lhc" {
  const ucum: unknown;
  export default ucum;
}
