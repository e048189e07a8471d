package dev.mastra4j.storage.libsql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a SQLite connection's prepared statements, so that the same SQL is compiled once per connection rather than
 * once per call ({@code sqlite3_prepare} is a large part of a short query). SQLite has no server-side cache as
 * PostgreSQL has, and the store opens its own connections, so the cache sits here.
 *
 * <p>Contract of the wrapped connection: {@link Connection#prepareStatement(String)} hands out a statement that is the
 * caller's alone until it calls {@code close()}, which clears its parameters and keeps it for the next caller of the
 * same SQL instead of closing it. Preparing SQL that is already handed out (a nested use) gives a second statement.
 * At most {@code size} statements are kept, the least recently used are closed first; a statement that threw is
 * closed, not kept; closing the connection closes every kept statement. Every other method goes to the connection.
 * As every JDBC connection, it is used by one thread at a time (the transactor's lock and the readers' permits see to
 * that), and results must be closed before their statement, as the store always does.
 */
final class StatementCache implements InvocationHandler {

    private final Connection connection;
    private final int size;
    private final LinkedHashMap<String, PreparedStatement> idle;

    private StatementCache(Connection connection, int size) {
        this.connection = connection;
        this.size = size;
        this.idle = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** {@code connection} with up to {@code size} kept statements; {@code connection} itself when size is 0. */
    static Connection wrap(Connection connection, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("statement cache size must not be negative");
        }
        if (size == 0) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new StatementCache(connection, size));
    }

    /** How many statements are kept now (for tests). */
    static int kept(Connection connection) {
        return Proxy.isProxyClass(connection.getClass())
                        && Proxy.getInvocationHandler(connection) instanceof StatementCache cache
                ? cache.idle.size()
                : 0;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int arity = args == null ? 0 : args.length;
        if (name.equals("prepareStatement") && arity == 1) {
            return lease((String) args[0]);
        }
        if (name.equals("close") && arity == 0) {
            closeKept();
            connection.close();
            return null;
        }
        Object own = identity(proxy, name, args);
        return own != null ? own : call(connection, method, args);
    }

    private PreparedStatement lease(String sql) throws SQLException {
        PreparedStatement statement = idle.remove(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
        }
        return (PreparedStatement) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                new Lease(sql, statement));
    }

    private void giveBack(String sql, PreparedStatement statement, boolean failed) {
        try {
            if (failed || connection.isClosed() || statement.isClosed()) {
                closeQuietly(statement);
                return;
            }
            statement.clearParameters();
            statement.clearBatch();
        } catch (SQLException e) {
            closeQuietly(statement);
            return;
        }
        PreparedStatement other = idle.put(sql, statement);
        if (other != null) {
            closeQuietly(other); // a nested use's twin: one of them is enough
        }
        if (idle.size() > size) {
            Iterator<Map.Entry<String, PreparedStatement>> eldest =
                    idle.entrySet().iterator();
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
    }

    private void closeKept() {
        idle.values().forEach(StatementCache::closeQuietly);
        idle.clear();
    }

    /** A proxy's own {@code equals} and {@code hashCode} (identity); null for every other method. */
    private static Object identity(Object proxy, String name, Object[] args) {
        if (name.equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
        }
        if (name.equals("hashCode") && args == null) {
            return System.identityHashCode(proxy);
        }
        return null;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Nothing is left to release: a statement that fails to close is gone with its connection.
        }
    }

    /** One caller's use of a kept statement, from {@code prepareStatement} to {@code close()}. */
    private final class Lease implements InvocationHandler {

        private final String sql;
        private final PreparedStatement statement;
        private boolean returned;
        private boolean failed;

        Lease(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int arity = args == null ? 0 : args.length;
            if (name.equals("close") && arity == 0) {
                if (!returned) {
                    returned = true;
                    giveBack(sql, statement, failed);
                }
                return null;
            }
            if (name.equals("isClosed") && arity == 0) {
                return returned || statement.isClosed();
            }
            Object own = identity(proxy, name, args);
            if (own != null) {
                return own;
            }
            if (returned) {
                throw new SQLException("statement is closed");
            }
            try {
                return call(statement, method, args);
            } catch (SQLException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }
}
