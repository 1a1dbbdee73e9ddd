namespace NetworkPlatform.Domain; public static class Marker {}
