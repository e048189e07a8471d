package dev.mastra4j.core.util;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Mastra's date text, as JavaScript's {@code Date.prototype.toISOString} writes it: {@code 2026-12-05T06:24:29.123Z},
 * always UTC with exactly three fraction digits (finer precision is truncated). Stores and the wire write and read
 * every stored date in this form, so both directions take a direct path for it; {@link #parse} accepts any other
 * ISO-8601 instant too (other fraction lengths, no fraction) through {@link Instant#parse}, and {@link #format}
 * falls back to {@link DateTimeFormatter} for years outside 0000–9999.
 */
public final class IsoInstant {

    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long MIN_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

    private IsoInstant() {}

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC. */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second >= MAX_SECOND) {
            return FALLBACK.format(instant);
        }
        long epochDay = Math.floorDiv(second, 86_400L);
        int secondOfDay = (int) Math.floorMod(second, 86_400L);
        // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count, with no java.time objects.
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        byte[] out = new byte[24];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * An ISO-8601 instant with {@code Z} or an offset.
     *
     * @throws DateTimeParseException if the text is not one
     */
    public static Instant parse(CharSequence text) {
        if (text.length() == 24 && isMillisForm(text)) {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            int millis = number(text, 20, 3);
            if (month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= lengthOfMonth(year, month)
                    && hour <= 23
                    && minute <= 59
                    && second <= 59) {
                long epochDay = daysFromCivil(year, month, day);
                return Instant.ofEpochSecond(
                        epochDay * 86_400L + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
            }
        }
        return Instant.parse(text); // other forms, and the errors for bad text
    }

    /** Howard Hinnant's days_from_civil: days since 1970-01-01 of a valid proleptic Gregorian date. */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400L);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    private static int lengthOfMonth(int year, int month) {
        return Month.of(month).length(Year.isLeap(year));
    }

    private static boolean isMillisForm(CharSequence s) {
        for (int i = 0; i < 24; i++) {
            char c = s.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                case 23 -> c == 'Z';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int number(CharSequence s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    private static void digits(byte[] out, int at, int value, int length) {
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
