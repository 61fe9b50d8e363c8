/**
 * Lua scripts of the follow-up store. Each runs atomically inside Redis, which is what makes "stored before the
 * user is told", "3 open per user" under concurrent taps and "one state change, one relay" hold. Ticket hashes
 * are addressed from a prefix plus number inside the scripts; the default key prefix keeps them in the same
 * Cluster slot as the declared keys.
 */

/**
 * KEYS: counter, update, duplicate, userOpen, userAll, open, backlog, draftTicket.
 * ARGV: ticketPrefix, now, maxOpen, duplicateWindowMs, updateTtlSeconds, originUpdateId, numberOffset,
 *       draftTtlMs, then field/value pairs of the new ticket.
 * A draft becomes at most one ticket: draftTicket remembers which (a second tap on Send is a duplicate).
 * Returns {'created'|'duplicate', number, ticket hash as a flat list} or {'limit', openCount}.
 */
export const CREATE_TICKET = `
local seen = redis.call('GET', KEYS[2]) or redis.call('GET', KEYS[8])
if seen then return {'duplicate', tonumber(seen), redis.call('HGETALL', ARGV[1] .. seen)} end
local same = redis.call('GET', KEYS[3])
if same and redis.call('EXISTS', ARGV[1] .. same) == 1 then
  redis.call('SET', KEYS[2], same, 'EX', ARGV[5])
  return {'duplicate', tonumber(same), redis.call('HGETALL', ARGV[1] .. same)}
end
local open = redis.call('ZCARD', KEYS[4])
if open >= tonumber(ARGV[3]) then return {'limit', open} end
local number = redis.call('INCR', KEYS[1]) + tonumber(ARGV[7])
redis.call('HSET', ARGV[1] .. number, 'number', number, 'v', 1, 'origin_update', ARGV[6], unpack(ARGV, 9))
local now = tonumber(ARGV[2])
redis.call('ZADD', KEYS[4], now, number)
redis.call('ZADD', KEYS[5], now, number)
redis.call('ZADD', KEYS[6], now, number)
redis.call('ZADD', KEYS[7], now, number)
redis.call('SET', KEYS[3], number, 'PX', ARGV[4])
redis.call('SET', KEYS[2], number, 'EX', ARGV[5])
redis.call('SET', KEYS[8], number, 'PX', ARGV[8])
return {'created', number, redis.call('HGETALL', ARGV[1] .. number)}
`;

/**
 * Compare-and-set of one ticket plus its consequences: its work in the outbox, an entry of its thread (kept to
 * the last threadMax), the user's conversation with it started or ended, a relay's place in line, and its
 * rating in the index of ratings (entries older than ratingsSince leave it).
 * KEYS: ticket, update, open, userOpen, outbox, outboxDue, thread, talk, relayOrder, ratings.
 * ARGV: expectedVersion, useUpdate ('1'|'0'), updateTtlSeconds, number, openAfter ('1'|'0'), now,
 *       fieldsToSet (JSON object), fieldsToDelete (JSON array), work (JSON array of [id, json]),
 *       threadEntry (JSON or ''), threadMax, talk ('start'|'end'|''), relayId (job id or ''),
 *       rated ('1'|''), ratingsSince.
 */
export const COMMIT_TICKET = `
if ARGV[2] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then return 'duplicate' end
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return 'missing' end
if v ~= ARGV[1] then return 'conflict' end
local args = {}
for field, value in pairs(cjson.decode(ARGV[7])) do
  args[#args + 1] = field
  args[#args + 1] = value
end
redis.call('HSET', KEYS[1], 'v', tonumber(v) + 1, unpack(args))
local gone = cjson.decode(ARGV[8])
if #gone > 0 then redis.call('HDEL', KEYS[1], unpack(gone)) end
local fields = cjson.decode(ARGV[7])
if ARGV[5] == '0' then
  redis.call('ZREM', KEYS[3], ARGV[4])
  redis.call('ZREM', KEYS[4], ARGV[4])
else
  redis.call('ZADD', KEYS[3], 'NX', fields['created_at'], ARGV[4])
  redis.call('ZADD', KEYS[4], 'NX', fields['created_at'], ARGV[4])
end
if ARGV[10] ~= '' then
  redis.call('RPUSH', KEYS[7], ARGV[10])
  redis.call('LTRIM', KEYS[7], -tonumber(ARGV[11]), -1)
end
if ARGV[12] == 'start' then redis.call('ZADD', KEYS[8], ARGV[6], ARGV[4]) end
if ARGV[12] == 'end' then redis.call('ZREM', KEYS[8], ARGV[4]) end
if ARGV[13] ~= '' then redis.call('RPUSH', KEYS[9], ARGV[13]) end
if ARGV[14] == '1' then
  redis.call('ZADD', KEYS[10], ARGV[6], ARGV[4])
  redis.call('ZREMRANGEBYSCORE', KEYS[10], '-inf', '(' .. ARGV[15])
end
for _, item in ipairs(cjson.decode(ARGV[9])) do
  redis.call('HSET', KEYS[5], item[1], item[2])
  redis.call('ZADD', KEYS[6], ARGV[6], item[1])
end
if ARGV[2] == '1' then redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[3]) end
return 'ok'
`;

/**
 * KEYS: backlog, outbox, outboxDue, staffMessage.
 * ARGV: ticketPrefix, now, messageId, single ('1'|'0'), mappingValue, mappingTtlSeconds, numbers (JSON array),
 *       work (JSON array of [id, json]).
 */
export const MARK_ANNOUNCED = `
local single = ARGV[4] == '1'
for _, number in ipairs(cjson.decode(ARGV[7])) do
  local key = ARGV[1] .. number
  redis.call('ZREM', KEYS[1], number)
  if redis.call('EXISTS', key) == 1 then
    redis.call('HSET', key, 'announced_at', ARGV[2])
    if single then redis.call('HSET', key, 'staff_message_id', ARGV[3]) end
    redis.call('HINCRBY', key, 'v', 1)
  end
end
redis.call('SET', KEYS[4], ARGV[5], 'EX', ARGV[6])
for _, item in ipairs(cjson.decode(ARGV[8])) do
  redis.call('HSET', KEYS[2], item[1], item[2])
  redis.call('ZADD', KEYS[3], ARGV[2], item[1])
end
return 'ok'
`;
