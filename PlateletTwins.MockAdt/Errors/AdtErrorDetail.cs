namespace PlateletTwins.MockAdt.Errors;

/// <summary>One entry of the <c>details</c> array of ADT's error envelope.</summary>
internal sealed record AdtErrorDetail(string Code, string Message);
