using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.MockAdt.HttpFuzz;

/// <summary>
/// The fuzz suite's models and valid bodies, the seeds that mutations start from: a room with every kind of schema
/// (primitives, enum, object, map, array, geospatial), a component and a relationship with a property.
/// </summary>
public static class FuzzModels
{
    public const string Room = "dtmi:fuzz:Room;1";
    public const string Thermostat = "dtmi:fuzz:Thermostat;1";

    public static JsonObject ThermostatModel(string id = Thermostat) => Parse($$$$"""
        {"@context":"dtmi:dtdl:context;3","@id":"{{{{id}}}}","@type":"Interface","displayName":"Thermostat",
         "contents":[{"@type":"Property","name":"setPoint","schema":"double"},{"@type":"Property","name":"mode","schema":"string"}]}
        """);

    public static JsonObject RoomModel(string id = Room, string thermostat = Thermostat) => Parse($$$$"""
        {"@context":"dtmi:dtdl:context;3","@id":"{{{{id}}}}","@type":"Interface","displayName":"Room","description":"A room to fuzz.",
         "contents":[
          {"@type":"Property","name":"name","schema":"string"},
          {"@type":"Property","name":"count","schema":"integer"},
          {"@type":"Property","name":"big","schema":"long"},
          {"@type":"Property","name":"temp","schema":"double"},
          {"@type":"Property","name":"ratio","schema":"float"},
          {"@type":"Property","name":"on","schema":"boolean"},
          {"@type":"Property","name":"when","schema":"dateTime"},
          {"@type":"Property","name":"day","schema":"date"},
          {"@type":"Property","name":"span","schema":"duration"},
          {"@type":"Property","name":"level","schema":{"@type":"Enum","valueSchema":"string","enumValues":[{"name":"Low","enumValue":"Low"},{"name":"High","enumValue":"High"}]}},
          {"@type":"Property","name":"code","schema":{"@type":"Enum","valueSchema":"integer","enumValues":[{"name":"One","enumValue":1},{"name":"Two","enumValue":2}]}},
          {"@type":"Property","name":"address","schema":{"@type":"Object","fields":[{"name":"city","schema":"string"},{"name":"zip","schema":"integer"}]}},
          {"@type":"Property","name":"tags","schema":{"@type":"Map","mapKey":{"name":"key","schema":"string"},"mapValue":{"name":"value","schema":"double"}}},
          {"@type":"Property","name":"readings","schema":{"@type":"Array","elementSchema":"double"}},
          {"@type":"Property","name":"spot","schema":"point"},
          {"@type":"Telemetry","name":"reading","schema":"double"},
          {"@type":"Component","name":"thermostat","schema":"{{{{thermostat}}}}"},
          {"@type":"Relationship","name":"adjoins","target":"{{{{id}}}}","properties":[{"@type":"Property","name":"weight","schema":"double"}]}
         ]}
        """);

    public static JsonArray Models() => [ThermostatModel(), RoomModel()];

    public static JsonObject RoomTwin(string model = Room) => Parse($$$$"""
        {"$metadata":{"$model":"{{{{model}}}}","name":{"sourceTime":"2024-01-01T00:00:00Z"}},
         "name":"r","count":3,"big":9000000000,"temp":21.5,"ratio":0.5,"on":true,"when":"2024-01-01T00:00:00Z","day":"2024-01-01",
         "span":"PT1H","level":"Low","code":1,"address":{"city":"x","zip":1},"tags":{"a":1.5},"readings":[1,2],
         "spot":{"type":"Point","coordinates":[1,2]},"thermostat":{"$metadata":{"setPoint":{"sourceTime":"2024-01-01T00:00:00Z"}},"setPoint":20}}
        """);

    /// <summary>Valid patches of a room twin; each applies to <see cref="RoomTwin"/> as created.</summary>
    public static readonly string[] TwinPatches =
    [
        """[{"op":"add","path":"/name","value":"n"}]""",
        """[{"op":"replace","path":"/count","value":4},{"op":"add","path":"/$metadata/count/sourceTime","value":"2024-01-02T00:00:00Z"}]""",
        """[{"op":"remove","path":"/temp"}]""",
        """[{"op":"add","path":"/address/city","value":"y"}]""",
        """[{"op":"add","path":"/tags/b","value":2.5},{"op":"remove","path":"/tags/a"}]""",
        """[{"op":"add","path":"/readings/-","value":3},{"op":"replace","path":"/readings/0","value":0.5}]""",
        """[{"op":"add","path":"/thermostat/setPoint","value":19}]""",
        """[{"op":"replace","path":"/$metadata/$model","value":"dtmi:fuzz:Room;1"}]""",
        """[{"op":"add","path":"/level","value":"High"},{"op":"add","path":"/code","value":2},{"op":"add","path":"/on","value":false}]""",
        """[{"op":"add","path":"/when","value":"2024-06-01T12:00:00.5+02:00"},{"op":"add","path":"/span","value":"P1DT2H"}]""",
        """[{"op":"add","path":"/spot/coordinates/0","value":5},{"op":"replace","path":"/spot","value":{"type":"Point","coordinates":[3,4]}}]""",
    ];

    public static readonly string[] ComponentPatches =
    [
        """[{"op":"add","path":"/setPoint","value":18.5}]""",
        """[{"op":"add","path":"/mode","value":"eco"},{"op":"add","path":"/$metadata/mode/sourceTime","value":"2024-01-01T00:00:00Z"}]""",
    ];

    public static JsonObject Relationship(string target, double weight = 1) => new()
    {
        ["$relationshipId"] = null,
        ["$sourceId"] = null,
        ["$relationshipName"] = "adjoins",
        ["$targetId"] = target,
        ["weight"] = weight,
    };

    public static readonly string[] RelationshipPatches =
    [
        """[{"op":"replace","path":"/weight","value":2}]""",
        """[{"op":"remove","path":"/weight"}]""",
        """[{"op":"add","path":"/weight","value":3.5}]""",
    ];

    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
