namespace ChatApp.Redis.Presence;

/// <summary>
/// The Lua scripts that keep a node's state hash and its published batches in step: Redis runs each one atomically,
/// so a receiver that reads the hash sees exactly the state after the seq it names, never half a batch.
/// </summary>
internal static class PresenceScripts
{
    /// <summary>
    /// One batch. KEYS: state hash. ARGV: generation, seq, channel ('' skips the publish: a test's lost message),
    /// payload, then (op, field, value) triples, op 's' sets and 'd' deletes. Returns 0, changing nothing, when the
    /// hash is not of this generation (another node dropped ours as dead, or it was never written): the node must
    /// then rewrite its whole state.
    /// </summary>
    public const string Batch = """
        if redis.call('HGET', KEYS[1], 'gen') ~= ARGV[1] then return 0 end
        for i = 5, #ARGV, 3 do
          if ARGV[i] == 's' then redis.call('HSET', KEYS[1], ARGV[i + 1], ARGV[i + 2]) else redis.call('HDEL', KEYS[1], ARGV[i + 1]) end
        end
        redis.call('HSET', KEYS[1], 'seq', ARGV[2])
        if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[3], ARGV[4]) end
        return 1
        """;

    /// <summary>
    /// The whole state, replacing what was there. KEYS: state hash, lease, node set. ARGV: generation, seq, channel,
    /// payload (the announce), node, incarnation, lease in ms, then (field, value) pairs.
    /// </summary>
    public const string Rewrite = """
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'gen', ARGV[1], 'seq', ARGV[2])
        for i = 8, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[7])
        redis.call('SADD', KEYS[3], ARGV[5])
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        return 1
        """;

    /// <summary>
    /// Renews the lease. KEYS: lease, node set, state hash. ARGV: incarnation, lease in ms, node, generation. Returns 0
    /// when the lease had run out or the state is not ours any more (another node took us for dead and deleted it).
    /// </summary>
    public const string Renew = """
        local ok = redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('HGET', KEYS[3], 'gen') == ARGV[4]
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('SADD', KEYS[2], ARGV[3])
        if ok then return 1 else return 0 end
        """;

    /// <summary>
    /// Forgets a node whose lease ran out. KEYS: its lease, its state hash, node set. ARGV: node. Returns 0 (and does
    /// nothing) when its lease is there after all.
    /// </summary>
    public const string Forget = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('DEL', KEYS[2])
        redis.call('SREM', KEYS[3], ARGV[1])
        return 1
        """;

    /// <summary>A graceful stop. KEYS: lease, state hash, node set. ARGV: node, channel, payload (the goodbye).</summary>
    public const string Leave = """
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('SREM', KEYS[3], ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return 1
        """;
}
