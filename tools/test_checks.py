# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the `make test` runner itself: a failing step must make the whole run fail."""

import io
import os
import subprocess
import sys

import pytest

sys.path.insert(0, __import__('os').path.dirname(__file__))
import checks  # noqa: E402  pylint: disable=wrong-import-position
import steps  # noqa: E402  pylint: disable=wrong-import-position
import toolchain  # noqa: E402  pylint: disable=wrong-import-position


def passing():
    pass


def failing():
    raise steps.StepFailed('deliberate failure')


def test_all_steps_pass_exit_zero():
    out = io.StringIO()
    assert steps.run_steps([steps.Step('a', passing), steps.Step('b', passing)], out) == 0
    assert '2 passed, 0 failed' in out.getvalue()


@pytest.mark.parametrize('position', [0, 1, 2])
def test_any_one_failing_step_fails_the_run(position):
    planned = [steps.Step('step%d' % i, failing if i == position else passing) for i in range(3)]
    out = io.StringIO()
    assert steps.run_steps(planned, out) == 1
    assert 'step%d: FAILED' % position in out.getvalue()
    assert '2 passed, 1 failed' in out.getvalue()


def test_failing_essential_step_stops_the_run_and_counts_the_rest_as_not_run():
    planned = [steps.Step('setup', failing, essential=True), steps.Step('later', passing)]
    out = io.StringIO()
    assert steps.run_steps(planned, out) == 1
    assert planned[1].status == 'not run'
    assert '0 passed, 2 failed' in out.getvalue()


def test_command_fails_on_non_zero_exit():
    with pytest.raises(steps.StepFailed, match='exited with 3'):
        steps.command([sys.executable, '-c', 'raise SystemExit(3)'])


def test_command_fails_when_output_shows_nothing_ran():
    # ansible-test integration exits 0 when every target is skipped.
    with pytest.raises(steps.StepFailed, match='All targets skipped'):
        steps.command([sys.executable, '-c', 'print("WARNING: All targets skipped.")'],
                       forbid=('All targets skipped',))
    with pytest.raises(steps.StepFailed, match='lacks'):
        steps.command([sys.executable, '-c', 'print("nothing")'], require=('Running ',))


def test_sanity_ignore_lines_are_refused(tmp_path, monkeypatch):
    (tmp_path / 'tests' / 'sanity').mkdir(parents=True)
    (tmp_path / 'tests' / 'sanity' / 'ignore-2.21.txt').write_text('plugins/modules/x.py pylint:foo\n')
    monkeypatch.setattr(checks, 'ROOT', str(tmp_path))
    with pytest.raises(steps.StepFailed, match='ignore-2.21.txt'):
        checks.sanity_ignore_lines()


def test_failing_command_step_fails_the_run():
    step = steps.Step('exit 1', lambda: steps.command([sys.executable, '-c', 'raise SystemExit(1)']))
    assert steps.run_steps([step], io.StringIO()) == 1


def test_find_interpreters_skips_broken_ones(tmp_path, monkeypatch):
    broken = tmp_path / 'shims'
    broken.mkdir()
    (broken / 'python3.99').write_text('#!/bin/sh\nexit 127\n')
    (broken / 'python3.99').chmod(0o755)
    good = tmp_path / 'bin'
    good.mkdir()
    (good / 'python3.98').symlink_to(sys.executable)
    monkeypatch.setenv('PATH', '%s:%s' % (broken, good))
    monkeypatch.setenv('PYENV_ROOT', str(tmp_path / 'no-pyenv'))
    found = toolchain.find_interpreters()
    assert found == {'%d.%d' % sys.version_info[:2]: subprocess.os.path.realpath(sys.executable)}


def test_lanes_run_side_by_side_after_lane_zero_each_step_output_whole():
    import threading
    import time
    started = {}
    barrier = threading.Barrier(2, timeout=5)

    def lane_step(name):
        def run():
            started[name] = time.monotonic()
            barrier.wait()  # both lanes must be in a step at once, or this times out
            for number in range(3):
                steps.LANE.write('%s line %d\n' % (name, number))
                time.sleep(0.01)
        return run
    planned = [steps.Step('prelude', passing), steps.Step('one', lane_step('one'), lane=1),
             steps.Step('two', lane_step('two'), lane=2), steps.Step('two-b', failing, lane=2)]
    out = io.StringIO()
    assert steps.run_steps(planned, out) == 1
    text = out.getvalue()
    for name in ('one', 'two'):
        block = text[text.index('==> [%d/4] %s\n' % (2 if name == 'one' else 3, name)):]
        assert block.startswith('==> ') and '%s line 0\n%s line 1\n%s line 2\n<== %s: ok' % ((name,) * 4) in block
    assert text.index('<== prelude: ok') < text.index('==> [2/4] one')
    assert 'two-b: FAILED' in text and '3 passed, 1 failed' in text


def test_a_failing_essential_prelude_step_runs_no_lane():
    ran = []
    planned = [steps.Step('setup', failing, essential=True),
             steps.Step('lane step', lambda: ran.append(1), lane=1)]
    assert steps.run_steps(planned, io.StringIO()) == 1 and ran == []


def test_a_failed_steps_last_lines_are_shown_again_before_the_summary():
    def noisy_failure():
        for number in range(steps.TAIL_LINES + 5):
            steps.LANE.write('line %d\n' % number)
        raise steps.StepFailed('deliberate failure')
    planned = [steps.Step('quiet', passing, lane=1), steps.Step('noisy', noisy_failure, lane=2)]
    out = io.StringIO()
    assert steps.run_steps(planned, out) == 1
    text = out.getvalue()
    again = text[text.index('==> the last lines of the failed step noisy\n'):text.index('\nSummary')]
    assert again.splitlines()[1:] == ['line %d' % n for n in range(5, steps.TAIL_LINES + 5)]
    assert 'the failed step quiet' not in text


def test_a_daemonized_grandchild_is_found_left_running_under_the_subreaper():
    script = '''
import os, subprocess, sys, time
sys.path.insert(0, %r)
import leftovers
assert leftovers.adopt()
subprocess.call(['sh', '-c', '(sleep 30 &)'])  # the shell ends at once; its child, orphaned, runs on
time.sleep(0.2)
running = leftovers.left()
print(running)
for pid, dummy in running:
    os.kill(pid, 9)
print(leftovers.left(grace=10))  # a killed process is gone once the kernel has ended it and it is reaped
''' % os.path.dirname(os.path.abspath(__file__))
    output = subprocess.run([sys.executable, '-c', script], stdout=subprocess.PIPE, universal_newlines=True,
                            check=True).stdout.splitlines()
    assert 'sleep 30' in output[0] and output[1] == '[]'
