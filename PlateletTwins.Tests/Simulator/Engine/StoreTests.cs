using PlateletTwins.SimulatorService.Engine;

namespace PlateletTwins.Tests.Simulator.Engine;

public sealed class StoreTests
{
    [Fact]
    public void A_put_into_a_full_store_waits_until_a_get_makes_room()
    {
        var sim = new Simulation();
        var store = new Store<string>(sim, capacity: 1);
        var log = new List<string>();
        IEnumerable<Event> Producer()
        {
            yield return store.Put("a");
            log.Add($"put a@{sim.Now}");
            yield return store.Put("b");
            log.Add($"put b@{sim.Now}");
        }
        IEnumerable<Event> Consumer()
        {
            yield return sim.Timeout(4);
            var get = store.Get();
            yield return get;
            log.Add($"got {get.Value}@{sim.Now}");
        }
        sim.Process(Producer());
        sim.Process(Consumer());
        sim.Run(10);
        Assert.Equal(["put a@0", "got a@4", "put b@4"], log);
        Assert.Equal(["b"], store.Items);
    }

    [Fact]
    public void Gets_are_served_first_come_first_served_and_a_filtered_get_takes_the_first_match()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var evenGet = store.Get(i => i % 2 == 0);
        var anyGet = store.Get();
        store.Put(1);
        store.Put(3);
        store.Put(4);
        sim.Run(1);
        Assert.Equal(4, evenGet.Value);
        Assert.Equal(1, anyGet.Value);
        Assert.Equal([3], store.Items);
    }

    [Fact]
    public void A_resource_grants_its_slots_in_request_order()
    {
        var sim = new Simulation();
        var resource = new Resource(sim, 1);
        var log = new List<string>();
        IEnumerable<Event> User(string name, double work)
        {
            yield return resource.Request();
            log.Add($"{name} in@{sim.Now}");
            yield return sim.Timeout(work);
            resource.Release();
        }
        sim.Process(User("a", 3));
        sim.Process(User("b", 1));
        sim.Process(User("c", 1));
        sim.Run(10);
        Assert.Equal(["a in@0", "b in@3", "c in@4"], log);
    }
}
