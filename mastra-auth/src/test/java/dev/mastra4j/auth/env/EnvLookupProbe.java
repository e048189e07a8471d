package dev.mastra4j.auth.env;

/** A main class for {@link EnvLookupTest}: prints {@code EnvLookup.system()}'s value for each name given. */
public final class EnvLookupProbe {

    private EnvLookupProbe() {}

    public static void main(String[] names) {
        EnvLookup lookup = EnvLookup.system();
        for (String name : names) {
            System.out.println(name + "=" + lookup.get(name).orElse("<unset>"));
        }
    }
}
