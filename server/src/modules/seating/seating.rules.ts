import { AppError, unprocessable } from '../../http/errors.ts';
import { seededIndex, shuffled } from '../../lib/seeded-random.ts';

/**
 * 考场编排 — arranging one sitting's candidates into rooms and seats. Pure: no I/O, same input → same output.
 *
 * 1. Room loads: the candidates are spread over the rooms as evenly as the capacities allow (water-filling: every room
 *    that is not full gets the same number, ±1, the earlier rooms taking the remainder).
 * 2. Rooms: the candidates, class by class (largest class first; ties and the order inside a class by the seed), are
 *    dealt round the rooms in turn. A class of k thus lands in k consecutive rooms: when no capacity binds, each class
 *    differs by at most one between any two rooms.
 * 3. Seats: inside a room the classes are interleaved (seat 1 class A, seat 2 class B, …) so that neighbours are
 *    from different classes wherever the mix allows.
 * The input order of the candidates does not matter (they are sorted by id first); the order of the rooms does
 * (it is the room numbering).
 */
export interface SeatingInput {
  candidates: { id: string; classKey: string }[];
  rooms: { id: string; capacity: number }[];
  seed: string;
}

export interface SeatAssignment {
  candidateId: string;
  roomId: string;
  seat: number;
}

/** Even loads capped by capacity. */
export function roomLoads(total: number, capacities: readonly number[]): number[] {
  const loads = capacities.map(() => 0);
  let remaining = total;
  for (;;) {
    const open = capacities.map((c, i) => i).filter((i) => (loads[i] ?? 0) < (capacities[i] ?? 0));
    if (remaining === 0 || open.length === 0) break;
    const share = Math.floor(remaining / open.length);
    if (share === 0) {
      for (const i of open.slice(0, remaining)) loads[i] = (loads[i] ?? 0) + 1;
      remaining = 0;
      break;
    }
    for (const i of open) {
      const give = Math.min(share, (capacities[i] ?? 0) - (loads[i] ?? 0));
      loads[i] = (loads[i] ?? 0) + give;
      remaining -= give;
    }
  }
  return loads;
}

export function arrangeSeats(input: SeatingInput): SeatAssignment[] {
  const { rooms, seed } = input;
  const ids = new Set<string>();
  for (const c of input.candidates) {
    if (ids.has(c.id)) throw new AppError(400, 'SEATING.BAD_INPUT', { duplicateCandidate: c.id });
    ids.add(c.id);
  }
  const roomIds = new Set(rooms.map((r) => r.id));
  if (roomIds.size !== rooms.length) throw new AppError(400, 'SEATING.BAD_INPUT', { duplicateRoom: true });
  for (const r of rooms) {
    if (!Number.isInteger(r.capacity) || r.capacity < 0) throw new AppError(400, 'SEATING.BAD_INPUT', { room: r.id, capacity: r.capacity });
  }
  const capacity = rooms.reduce((s, r) => s + r.capacity, 0);
  const n = input.candidates.length;
  if (capacity < n) {
    const params = { candidates: n, capacity, shortfall: n - capacity };
    throw unprocessable('SEATING.CAPACITY_SHORT', params, params);
  }
  if (n === 0) return [];

  const random = seededIndex(`seating\n${seed}`);
  // Classes: largest first, ties in seeded order; members in seeded order (starting from a sorted list).
  const byClass = new Map<string, string[]>();
  for (const c of [...input.candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const list = byClass.get(c.classKey) ?? [];
    list.push(c.id);
    byClass.set(c.classKey, list);
  }
  const classKeys = shuffled([...byClass.keys()].sort(), random);
  const classes = classKeys.map((k) => ({ key: k, members: shuffled(byClass.get(k) ?? [], random) }));
  classes.sort((a, b) => b.members.length - a.members.length); // stable: ties keep the seeded order

  // Deal round the rooms, skipping full ones.
  const loads = roomLoads(
    n,
    rooms.map((r) => r.capacity),
  );
  const inRoom: { id: string; classKey: string }[][] = rooms.map(() => []);
  let next = 0;
  for (const cls of classes) {
    for (const id of cls.members) {
      while ((inRoom[next]?.length ?? 0) >= (loads[next] ?? 0)) next = (next + 1) % rooms.length;
      inRoom[next]?.push({ id, classKey: cls.key });
      next = (next + 1) % rooms.length;
    }
  }

  // Seats: interleave the classes inside each room.
  const out: SeatAssignment[] = [];
  rooms.forEach((room, r) => {
    const groups = new Map<string, string[]>();
    for (const c of inRoom[r] ?? []) groups.set(c.classKey, [...(groups.get(c.classKey) ?? []), c.id]);
    const queues = [...groups.values()].sort((a, b) => b.length - a.length);
    let seat = 1;
    for (let round = 0; queues.some((q) => q.length > round); round++) {
      for (const q of queues) {
        const id = q[round];
        if (id !== undefined) out.push({ candidateId: id, roomId: room.id, seat: seat++ });
      }
    }
  });
  return out;
}
