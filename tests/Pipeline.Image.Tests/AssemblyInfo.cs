using System.Runtime.Versioning;

// The image stage's tests drive a Linux Docker engine and Unix file modes.
[assembly: SupportedOSPlatform("linux")]
