namespace PlateletTwins.MockAdt.Errors;

/// <summary>One entry of the <c>details</c> array of ADT's error envelope.</summary>
public sealed record AdtErrorDetail(string Code, string Message);
