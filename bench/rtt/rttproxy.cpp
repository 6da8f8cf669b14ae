// A TCP proxy that gives loopback a network's round-trip time.
//
//   rttproxy --listen=PORT --to=PORT --rtt-ms=MS
//
// Latency added by a server to each answer (the sandbox's latency_ms) costs a client the same whether it
// reuses its connection or not, because on loopback connecting and the TLS handshake are free. On a real
// network they are not: a new connection costs one round trip for TCP and one more for TLS 1.3 before the
// request goes out. This proxy makes that so: every byte crosses it half a round trip late in each
// direction, and what a client sends first on a new connection waits one extra round trip, the time its
// SYN/SYN-ACK would have taken. TLS passes through untouched (it is a plain TCP relay).
//
// Listens on 127.0.0.1 only and forwards to 127.0.0.1:PORT. Single-threaded; one upstream connection per
// client connection, so the server still sees the client's connections one for one. Stops on SIGTERM.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <list>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

volatile sig_atomic_t stopping = 0;

struct Chunk {
    Clock::time_point due;
    std::string data;   // empty: the sender closed its side (forward the FIN when due)
};

// One direction of one proxied connection.
struct Pipe {
    int from = -1, to = -1;
    bool eof = false;          // nothing more will be read from `from`
    bool closed = false;       // the FIN was forwarded to `to`
    std::deque<Chunk> queue;
};

struct Link {
    Pipe up, down;             // client -> server, server -> client
    Clock::time_point open_at; // no client byte reaches the server before this (the TCP handshake's RTT)
    bool broken = false;
};

int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd, 512) != 0) {
        std::perror("rttproxy: listen");
        std::exit(1);
    }
    return fd;
}

int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

void no_delay(int fd) {
    int one = 1;   // the delay is ours to add: Nagle's algorithm would add more, unevenly
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Writes all of a chunk; the peers read promptly and chunks are small, so a blocking write is enough.
bool write_all(int fd, const std::string& s) {
    size_t done = 0;
    while (done < s.size()) {
        ssize_t n = write(fd, s.data() + done, s.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    int listen_port = 0, to_port = 0;
    long rtt_ms = 20;
    for (int i = 1; i < argc; ++i) {
        if (std::sscanf(argv[i], "--listen=%d", &listen_port) == 1) continue;
        if (std::sscanf(argv[i], "--to=%d", &to_port) == 1) continue;
        if (std::sscanf(argv[i], "--rtt-ms=%ld", &rtt_ms) == 1) continue;
        std::fprintf(stderr, "usage: rttproxy --listen=PORT --to=PORT --rtt-ms=MS\n");
        return 2;
    }
    if (listen_port <= 0 || to_port <= 0 || rtt_ms < 0) {
        std::fprintf(stderr, "rttproxy: --listen and --to are required\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa{};
    sa.sa_handler = [](int) { stopping = 1; };
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);

    const auto half = std::chrono::microseconds(rtt_ms * 500);
    const auto rtt = std::chrono::milliseconds(rtt_ms);
    int lfd = listen_on(listen_port);
    std::list<Link> links;
    std::vector<char> buf(256 * 1024);

    while (!stopping) {
        // Poll every open socket; wake up in time for the earliest chunk due.
        std::vector<pollfd> fds{{lfd, POLLIN, 0}};
        std::vector<Pipe*> owners{nullptr};
        auto now = Clock::now();
        auto next = now + std::chrono::seconds(1);
        for (auto& l : links) {
            for (Pipe* p : {&l.up, &l.down}) {
                if (!p->eof) {
                    fds.push_back({p->from, POLLIN, 0});
                    owners.push_back(p);
                }
                if (!p->queue.empty()) next = std::min(next, p->queue.front().due);
            }
        }
        auto wait = std::max(Clock::duration::zero(), next - now);
        timespec ts{static_cast<time_t>(std::chrono::duration_cast<std::chrono::seconds>(wait).count()),
                    static_cast<long>((std::chrono::duration_cast<std::chrono::nanoseconds>(wait) % std::chrono::seconds(1)).count())};
        if (ppoll(fds.data(), fds.size(), &ts, nullptr) < 0) {
            if (errno == EINTR) continue;
            std::perror("rttproxy: poll");
            return 1;
        }
        now = Clock::now();

        if (fds[0].revents & POLLIN) {
            int cfd = accept(lfd, nullptr, nullptr);
            if (cfd >= 0) {
                int ufd = connect_to(to_port);
                if (ufd < 0) {
                    close(cfd);
                } else {
                    no_delay(cfd);
                    no_delay(ufd);
                    Link& l = links.emplace_back();
                    l.up.from = l.down.to = cfd;
                    l.up.to = l.down.from = ufd;
                    l.open_at = now + rtt;
                }
            }
        }
        for (size_t i = 1; i < fds.size(); ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            Pipe* p = owners[i];
            ssize_t n = read(p->from, buf.data(), buf.size());
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            // Each read becomes one chunk, due half a round trip later; "now" only grows, so a pipe's
            // chunks stay in order.
            if (n <= 0) {
                p->eof = true;
                p->queue.push_back({now + half, {}});   // forward the close, in order, when due
            } else {
                p->queue.push_back({now + half, std::string(buf.data(), static_cast<size_t>(n))});
            }
        }
        // The client's first bytes wait for the handshake's round trip.
        for (auto& l : links) {
            for (auto& c : l.up.queue) c.due = std::max(c.due, l.open_at + half);
        }
        for (auto it = links.begin(); it != links.end();) {
            Link& l = *it;
            for (Pipe* p : {&l.up, &l.down}) {
                while (!p->queue.empty() && p->queue.front().due <= now && !l.broken) {
                    Chunk c = std::move(p->queue.front());
                    p->queue.pop_front();
                    if (!c.data.empty()) {
                        if (!write_all(p->to, c.data)) l.broken = true;
                    } else if (!p->closed) {
                        shutdown(p->to, SHUT_WR);
                        p->closed = true;
                    }
                }
            }
            if (l.broken || (l.up.closed && l.down.closed)) {
                close(l.up.from);
                close(l.up.to);
                it = links.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& l : links) {
        close(l.up.from);
        close(l.up.to);
    }
    close(lfd);
    return 0;
}
