package dev.mastra4j.core.storage;

import java.util.List;

/**
 * One page of a listing, numbered from 0 as Mastra numbers them.
 *
 * @param items   the rows of this page, in the order asked for
 * @param total   the number of rows over all pages
 * @param page    this page's number
 * @param perPage the page size asked for
 * @param hasMore whether rows follow this page ({@code total > (page + 1) * perPage}, as Mastra computes it)
 */
public record Page<T>(List<T> items, int total, int page, int perPage, boolean hasMore) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page with {@code hasMore} computed from the others. */
    public static <T> Page<T> of(List<T> items, int total, int page, int perPage) {
        return new Page<>(items, total, page, perPage, (long) (page + 1) * perPage < total);
    }
}
