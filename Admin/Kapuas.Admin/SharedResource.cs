namespace Kapuas.Admin;

/// <summary>
/// The site's shared texts: <c>Resources/SharedResource.resx</c> (Bahasa Indonesia, the default) and
/// <c>Resources/SharedResource.en.resx</c> (English).
/// </summary>
public sealed class SharedResource;
