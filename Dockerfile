# Build stage: the Go toolchain named in go.mod, a static binary.
FROM golang:1.27.3-bookworm AS build
WORKDIR /src
ENV GOTOOLCHAIN=go1.27.3 CGO_ENABLED=0
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /out/helpdesk .

# Runtime stage: CA certificates (for Gemini and SMTP over TLS) and the binary.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/helpdesk /usr/local/bin/helpdesk
VOLUME /pb_data
EXPOSE 8090
USER nonroot
ENTRYPOINT ["/usr/local/bin/helpdesk"]
CMD ["serve", "--http", "0.0.0.0:8090", "--dir", "/pb_data"]
