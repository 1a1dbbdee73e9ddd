namespace NetworkPlatform.Web.Resources;

/// <summary>The one resource set for every text people see (Resources/SharedResource.{de,en}.resx).</summary>
public class SharedResource;
