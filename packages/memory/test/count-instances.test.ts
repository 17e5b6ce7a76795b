import { expect, it } from 'vitest';
import { countInstances, MemoryArgumentError } from '../src/index.ts';

class Session {
  readonly id: number;
  constructor(id: number) {
    this.id = id;
  }
}

class Connection {}
class PooledConnection extends Connection {}

it('counts a known number of live instances, and forgets dropped ones', () => {
  let sessions: Session[] = Array.from({ length: 37 }, (_, i) => new Session(i));
  expect(countInstances(Session)).toBe(37);
  sessions = sessions.slice(0, 5);
  expect(countInstances(Session)).toBe(5);
  sessions = [];
  expect(countInstances(Session)).toBe(0);
});

it('counts subclass instances, and subclass prototypes, under the base class', () => {
  const live = [new Connection(), new PooledConnection(), new PooledConnection()];
  expect(countInstances(PooledConnection)).toBe(2);
  // 3 instances + PooledConnection.prototype, whose prototype chain holds Connection.prototype.
  expect(countInstances(Connection)).toBe(4);
  expect(live).toHaveLength(3);
});

it('rejects something that is not a constructor', () => {
  const notAClass = (() => 1) as unknown as new () => unknown;
  expect(() => countInstances(notAClass)).toThrow(MemoryArgumentError);
  expect(() => countInstances(42 as unknown as new () => unknown)).toThrow(/Class must be/);
});
