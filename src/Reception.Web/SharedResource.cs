namespace Reception.Web;

/// <summary>
/// Marker for the application's string resources (Resources/SharedResource.zh-CN.resx). Keys are the
/// English texts, so English needs no resource file and a missing translation shows English, never a key.
/// </summary>
public sealed class SharedResource;
