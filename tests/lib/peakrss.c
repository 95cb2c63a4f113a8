/* peakrss OUT CMD [ARG...]: run CMD with its standard output into the file
 * OUT and print its peak resident set size in KB (wait4's ru_maxrss) on
 * one line; exit as CMD did. The child is forked from this small program,
 * not from a shell or python: Linux counts the RSS a process had before
 * exec in its peak, so the caller's own size would hide a small one. */
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int st, fd;

	if (argc < 3) {
		fprintf(stderr, "usage: peakrss OUT CMD [ARG...]\n");
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("peakrss: fork");
		return 4;
	}
	if (pid == 0) {
		fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0) {
			perror(argv[1]);
			_exit(4);
		}
		close(fd);
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) < 0) {
		perror("peakrss: wait4");
		return 4;
	}
	printf("%ld\n", ru.ru_maxrss);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
