let next = 1000;
/** Ids that never collide within one test process. */
export const nextId = (): number => ++next;
