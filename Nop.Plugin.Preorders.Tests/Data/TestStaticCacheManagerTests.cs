using NUnit.Framework;
using Nop.Core.Caching;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Tests.Data;

[TestFixture]
public class TestStaticCacheManagerTests
{
    private static readonly CacheKey ProfileKey = new("Nop.preorders.profile.{0}-{1}");

    [Test]
    public void Keys_are_formatted_like_nopCommerce()
    {
        var cache = new TestStaticCacheManager();

        Assert.That(cache.PrepareKeyForDefaultCache(ProfileKey, new PreorderProfile { Id = 42 }, 1.5m).Key, Is.EqualTo("Nop.preorders.profile.42-1.5"));
        Assert.That(cache.PrepareKey(ProfileKey, null, 7).Key, Is.EqualTo("Nop.preorders.profile.null-7"));
        Assert.That(cache.PrepareKey(ProfileKey, new[] { 3, 1, 2 }, 0).Key, Is.EqualTo(cache.PrepareKey(ProfileKey, new[] { 1, 2, 3 }, 0).Key));
        Assert.That(cache.PrepareKey(new CacheKey("plain")).Key, Is.EqualTo("plain"));
    }

    [Test]
    public async Task A_cached_value_is_acquired_once()
    {
        var cache = new TestStaticCacheManager();
        var key = cache.PrepareKeyForDefaultCache(ProfileKey, 1, 0);
        var calls = 0;

        var first = await cache.GetAsync(key, () => Task.FromResult(++calls));
        var second = await cache.GetAsync(key, () => Task.FromResult(++calls));
        var sync = await cache.GetAsync(key, () => ++calls);

        Assert.That((first, second, sync, calls), Is.EqualTo((1, 1, 1, 1)));
        Assert.That((cache.Misses, cache.Hits), Is.EqualTo((1, 2)));
        Assert.That(await cache.GetAsync(cache.PrepareKey(ProfileKey, 2, 0), () => ++calls), Is.EqualTo(2), "another key");
        Assert.That(cache.Misses, Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_readers_of_one_key_share_one_acquire()
    {
        var cache = new TestStaticCacheManager();
        var key = new CacheKey("shared");
        var calls = 0;
        var gate = new TaskCompletionSource();

        var readers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync(key, async () =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return "value";
        })).ToList();
        gate.SetResult();

        Assert.That(await Task.WhenAll(readers), Is.All.EqualTo("value"));
        Assert.That((calls, cache.Misses), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task A_failed_acquire_is_not_cached()
    {
        var cache = new TestStaticCacheManager();
        var key = new CacheKey("flaky");

        Assert.That(async () => await cache.GetAsync(key, new Func<Task<int>>(() => throw new InvalidOperationException("db down"))), Throws.InvalidOperationException);
        Assert.That(cache.Contains("flaky"), Is.False);
        Assert.That(await cache.GetAsync(key, () => 5), Is.EqualTo(5));
    }

    [Test]
    public async Task Remove_and_remove_by_prefix_drop_only_the_matching_keys()
    {
        var cache = new TestStaticCacheManager();
        await cache.SetAsync(cache.PrepareKey(ProfileKey, 1, 0), "p1");
        await cache.SetAsync(cache.PrepareKey(ProfileKey, 2, 0), "p2");
        await cache.SetAsync(new CacheKey("Nop.preorders.cap.9"), 9);
        await cache.SetAsync(new CacheKey("Nop.other.1"), 1);

        await cache.RemoveAsync(ProfileKey, 1, 0);
        Assert.That(cache.Keys, Is.EquivalentTo(new[] { "Nop.preorders.profile.2-0", "Nop.preorders.cap.9", "Nop.other.1" }));

        await cache.RemoveByPrefixAsync("Nop.preorders.{0}", "profile");
        Assert.That(cache.Keys, Is.EquivalentTo(new[] { "Nop.preorders.cap.9", "Nop.other.1" }));

        await cache.RemoveByPrefixAsync("Nop.preorders.");
        Assert.That(cache.Keys, Is.EquivalentTo(new[] { "Nop.other.1" }));
        Assert.That(await cache.GetAsync(new CacheKey("Nop.other.1"), 0), Is.EqualTo(1));
        Assert.That(await cache.GetAsync(new CacheKey("Nop.preorders.cap.9"), -1), Is.EqualTo(-1), "default when absent");

        await cache.ClearAsync();
        Assert.That(cache.Keys, Is.Empty);
    }
}
