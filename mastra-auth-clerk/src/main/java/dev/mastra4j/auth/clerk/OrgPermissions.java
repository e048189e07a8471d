package dev.mastra4j.auth.clerk;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.RandomAccess;
import java.util.Set;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Session token v2 organization permissions. {@code fea} lists {@code scope:feature}; the organization-scoped
 * ones ({@code o}, {@code ou}, {@code uo}) each get one decimal bitmask from {@code o.fpm}, and bit i of the
 * k-th mask grants {@code org:<feature k>:<per[i]>}. Every malformed part grants nothing.
 */
final class OrgPermissions {

    private static final Set<String> ORG_SCOPES = Set.of("o", "ou", "uo");

    private OrgPermissions() {}

    /**
     * The same list as {@link #decode}, decoded on first use: most requests never look at permissions, and
     * decoding is a measurable part of verifying a token.
     */
    static List<String> lazy(String fea, String per, String fpm) {
        return fea == null || per == null || fpm == null ? List.of() : new Lazy(fea, per, fpm);
    }

    static List<String> decode(String fea, String per, String fpm) {
        if (fea == null || per == null || fpm == null) {
            return List.of();
        }
        List<String> orgFeatures = new ArrayList<>();
        for (String entry : fea.split(",", -1)) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                // One malformed entry makes the feature/mask alignment unknowable: grant nothing.
                return List.of();
            }
            if (ORG_SCOPES.contains(entry.substring(0, colon).trim())) {
                orgFeatures.add(entry.substring(colon + 1).trim());
            }
        }
        String[] permissions = per.split(",", -1);
        String[] masks = fpm.split(",", -1);
        List<String> granted = new ArrayList<>();
        for (int k = 0; k < orgFeatures.size() && k < masks.length; k++) {
            BigInteger mask = parseMask(masks[k]);
            String feature = orgFeatures.get(k);
            if (mask == null || feature.isEmpty()) {
                continue;
            }
            for (int i = 0; i < permissions.length && i < mask.bitLength(); i++) {
                String permission = permissions[i].trim();
                if (mask.testBit(i) && !permission.isEmpty()) {
                    granted.add("org:" + feature + ":" + permission);
                }
            }
        }
        return List.copyOf(granted);
    }

    /** A non-negative decimal integer of any size, else null (fail closed). */
    private static BigInteger parseMask(String text) {
        String mask = text.trim();
        if (mask.isEmpty() || mask.length() > 512) {
            return null;
        }
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return new BigInteger(mask);
    }

    /**
     * An unmodifiable list that decodes on first use and then behaves exactly as the decoded {@code List.copyOf}
     * list, to which every method is handed. Decoding twice in a race is harmless: both results are equal.
     */
    static final class Lazy extends AbstractList<String> implements RandomAccess {

        private final String fea;
        private final String per;
        private final String fpm;
        private volatile List<String> decoded;

        private Lazy(String fea, String per, String fpm) {
            this.fea = fea;
            this.per = per;
            this.fpm = fpm;
        }

        private List<String> list() {
            List<String> list = decoded;
            if (list == null) {
                list = decode(fea, per, fpm);
                decoded = list;
            }
            return list;
        }

        @Override
        public String get(int index) {
            return list().get(index);
        }

        @Override
        public int size() {
            return list().size();
        }

        @Override
        public boolean isEmpty() {
            return list().isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return list().contains(o);
        }

        @Override
        public boolean containsAll(Collection<?> c) {
            return list().containsAll(c);
        }

        @Override
        public int indexOf(Object o) {
            return list().indexOf(o);
        }

        @Override
        public int lastIndexOf(Object o) {
            return list().lastIndexOf(o);
        }

        @Override
        public Iterator<String> iterator() {
            return list().iterator();
        }

        @Override
        public ListIterator<String> listIterator() {
            return list().listIterator();
        }

        @Override
        public ListIterator<String> listIterator(int index) {
            return list().listIterator(index);
        }

        @Override
        public List<String> subList(int fromIndex, int toIndex) {
            return list().subList(fromIndex, toIndex);
        }

        @Override
        public List<String> reversed() {
            return list().reversed();
        }

        @Override
        public String getFirst() {
            return list().getFirst();
        }

        @Override
        public String getLast() {
            return list().getLast();
        }

        @Override
        public Object[] toArray() {
            return list().toArray();
        }

        @Override
        public <T> T[] toArray(T[] a) {
            return list().toArray(a);
        }

        @Override
        public <T> T[] toArray(IntFunction<T[]> generator) {
            return list().toArray(generator);
        }

        @Override
        public Spliterator<String> spliterator() {
            return list().spliterator();
        }

        @Override
        public Stream<String> stream() {
            return list().stream();
        }

        @Override
        public Stream<String> parallelStream() {
            return list().parallelStream();
        }

        @Override
        public void forEach(Consumer<? super String> action) {
            list().forEach(action);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || list().equals(o);
        }

        @Override
        public int hashCode() {
            return list().hashCode();
        }

        @Override
        public String toString() {
            return list().toString();
        }

        // Mutators: the decoded list refuses them all, whatever the arguments.

        @Override
        public boolean add(String s) {
            return list().add(s);
        }

        @Override
        public void add(int index, String element) {
            list().add(index, element);
        }

        @Override
        public void addFirst(String s) {
            list().addFirst(s);
        }

        @Override
        public void addLast(String s) {
            list().addLast(s);
        }

        @Override
        public boolean addAll(Collection<? extends String> c) {
            return list().addAll(c);
        }

        @Override
        public boolean addAll(int index, Collection<? extends String> c) {
            return list().addAll(index, c);
        }

        @Override
        public String set(int index, String element) {
            return list().set(index, element);
        }

        @Override
        public boolean remove(Object o) {
            return list().remove(o);
        }

        @Override
        public String remove(int index) {
            return list().remove(index);
        }

        @Override
        public String removeFirst() {
            return list().removeFirst();
        }

        @Override
        public String removeLast() {
            return list().removeLast();
        }

        @Override
        public boolean removeAll(Collection<?> c) {
            return list().removeAll(c);
        }

        @Override
        public boolean retainAll(Collection<?> c) {
            return list().retainAll(c);
        }

        @Override
        public boolean removeIf(Predicate<? super String> filter) {
            return list().removeIf(filter);
        }

        @Override
        public void replaceAll(UnaryOperator<String> operator) {
            list().replaceAll(operator);
        }

        @Override
        public void sort(Comparator<? super String> c) {
            list().sort(c);
        }

        @Override
        public void clear() {
            list().clear();
        }
    }
}
