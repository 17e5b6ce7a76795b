// Every script refills buckets by elapsed time exactly like the executor's memory store, so a
// limiter behaves the same on either store. Floats travel as strings: Redis truncates Lua
// numbers returned to the client to integers.

const REFILL = `
local function refill(key, cap, interval, now)
  local state = redis.call('HMGET', key, 't', 'u')
  local tokens = tonumber(state[1]) or cap
  local updated = tonumber(state[2]) or now
  local elapsed = math.max(0, now - updated)
  return math.min(cap, tokens + elapsed * cap / interval), math.max(updated, now)
end
local function save(key, tokens, updated, cap, interval)
  redis.call('HSET', key, 't', tostring(tokens), 'u', tostring(updated))
  local full = math.ceil((cap - tokens) * interval / cap) + 1000
  redis.call('PEXPIRE', key, math.max(1000, full))
end
`;

/** KEYS: pause key, then bucket keys. ARGV: now, then capacity, intervalMs, amount per bucket. */
export const TAKE_SCRIPT: string = `${REFILL}
local now = tonumber(ARGV[1])
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < paused then return {0, tostring(paused - now), 1} end
local levels, stamps, wait = {}, {}, 0
for i = 2, #KEYS do
  local base = (i - 2) * 3 + 1
  local cap, interval, amount = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  levels[i], stamps[i] = refill(KEYS[i], cap, interval, now)
  local missing = amount - levels[i]
  if missing > 0 then wait = math.max(wait, missing * interval / cap) end
end
if wait > 0 then return {0, tostring(math.ceil(wait)), 0} end
for i = 2, #KEYS do
  local base = (i - 2) * 3 + 1
  local cap, interval, amount = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  save(KEYS[i], levels[i] - amount, stamps[i], cap, interval)
end
return {1, '0', 0}
`;

/** KEYS: bucket keys. ARGV: now, then capacity, intervalMs, amount per bucket. */
export const REFUND_SCRIPT: string = `${REFILL}
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local base = (i - 1) * 3 + 1
  local cap, interval, amount = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  local tokens, stamp = refill(KEYS[i], cap, interval, now)
  save(KEYS[i], math.min(cap, tokens + amount), stamp, cap, interval)
end
return 1
`;

/** KEYS: one bucket key. ARGV: now, capacity, intervalMs, remaining, resetMs (or -1). */
export const SYNC_SCRIPT: string = `${REFILL}
local now, cap, interval = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local remaining, reset = tonumber(ARGV[4]), tonumber(ARGV[5])
local tokens, stamp = refill(KEYS[1], cap, interval, now)
tokens = math.min(tokens, remaining)
if remaining < 1 and reset > 0 then tokens = math.min(tokens, 1 - reset * cap / interval) end
save(KEYS[1], tokens, stamp, cap, interval)
return 1
`;

/** KEYS: pause key. ARGV: until (epoch ms). A later deadline is never shortened. */
export const PAUSE_SCRIPT: string = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local target = tonumber(ARGV[1])
if target > current then
  redis.call('SET', KEYS[1], tostring(target))
  redis.call('PEXPIREAT', KEYS[1], math.ceil(target) + 60000)
end
return 1
`;

/** KEYS: bucket keys. ARGV: now, then capacity, intervalMs per bucket. Returns levels as strings. */
export const PEEK_SCRIPT: string = `${REFILL}
local now = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS do
  local base = (i - 1) * 2 + 1
  local tokens = refill(KEYS[i], tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), now)
  out[i] = tostring(tokens)
end
return out
`;
