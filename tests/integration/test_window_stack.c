/* test_window_stack.c: the screen stack calls enter and leave in order on
 * push, pop, replace and reset, and only the top screen gets input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "screen.h"

typedef struct {
    char log[512];
    ScreenStack *stack;
    const ScreenDef *push_from_enter;
} Journal;

typedef struct {
    int value;
} CounterState;

static void note(Journal *j, const char *what)
{
    size_t n = strlen(j->log);
    snprintf(j->log + n, sizeof j->log - n, "%s%s", n ? " " : "", what);
}

#define DEFINE_SCREEN(NAME)                                                     \
    static void NAME##_enter(void *ctx, void *state, int arg)                   \
    {                                                                           \
        ((CounterState *)state)->value = arg;                                   \
        note(ctx, "+" #NAME);                                                   \
    }                                                                           \
    static void NAME##_leave(void *ctx, void *state)                            \
    {                                                                           \
        (void)state;                                                            \
        note(ctx, "-" #NAME);                                                   \
    }                                                                           \
    static void NAME##_handle(void *ctx, void *state, const InputEvent *ev)     \
    {                                                                           \
        (void)ev;                                                               \
        ((CounterState *)state)->value++;                                       \
        note(ctx, "!" #NAME);                                                   \
    }                                                                           \
    static void NAME##_draw(void *ctx, void *state, int64_t now)                \
    {                                                                           \
        (void)state;                                                            \
        (void)now;                                                              \
        note(ctx, "d" #NAME);                                                   \
    }                                                                           \
    static const ScreenDef NAME = {#NAME, sizeof(CounterState), false,          \
                                   NAME##_enter, NAME##_leave, NULL,            \
                                   NAME##_draw, NAME##_handle};

DEFINE_SCREEN(a)
DEFINE_SCREEN(b)
DEFINE_SCREEN(c)

static void o_draw(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    note(ctx, "do");
}
static const ScreenDef overlay = {"o", 0, true, NULL, NULL, NULL, o_draw, NULL};

static void stack_push_and_pop_call_enter_then_leave_in_order(void **state)
{
    (void)state;
    Journal j = {0};
    ScreenStack st;
    screen_stack_init(&st, &j);
    assert_int_equal(screen_push(&st, &a, 1), 0);
    assert_int_equal(screen_push(&st, &b, 2), 0);
    assert_ptr_equal(screen_top(&st), &b);
    assert_int_equal(screen_pop(&st), 0);
    assert_ptr_equal(screen_top(&st), &a);
    assert_int_equal(screen_pop(&st), 0);
    assert_null(screen_top(&st));
    assert_int_equal(screen_pop(&st), -1);
    assert_string_equal(j.log, "+a +b -b -a");
}

static void stack_replace_leaves_the_old_screen_before_entering_the_new(void **state)
{
    (void)state;
    Journal j = {0};
    ScreenStack st;
    screen_stack_init(&st, &j);
    screen_push(&st, &a, 0);
    screen_push(&st, &b, 0);
    screen_replace(&st, &c, 7);
    assert_ptr_equal(screen_top(&st), &c);
    assert_int_equal(((CounterState *)screen_top_state(&st))->value, 7);
    assert_int_equal(st.count, 2);
    screen_stack_clear(&st);
    assert_string_equal(j.log, "+a +b -b +c -c -a");
}

static void stack_reset_pops_everything_top_first(void **state)
{
    (void)state;
    Journal j = {0};
    ScreenStack st;
    screen_stack_init(&st, &j);
    screen_push(&st, &a, 0);
    screen_push(&st, &b, 0);
    screen_push(&st, &c, 0);
    screen_reset(&st, &a, 0);
    assert_int_equal(st.count, 1);
    screen_stack_clear(&st);
    assert_string_equal(j.log, "+a +b +c -c -b -a +a -a");
}

static void stack_gives_input_to_the_top_screen_only(void **state)
{
    (void)state;
    Journal j = {0};
    ScreenStack st;
    screen_stack_init(&st, &j);
    screen_push(&st, &a, 10);
    screen_push(&st, &b, 20);
    InputEvent ev = {0};
    screen_handle(&st, &ev);
    assert_int_equal(((CounterState *)screen_top_state(&st))->value, 21);
    assert_int_equal(((CounterState *)screen_find(&st, &a))->value, 10);
    screen_stack_clear(&st);
    assert_string_equal(j.log, "+a +b !b -b -a");
}

static void stack_draws_overlays_over_the_screen_below(void **state)
{
    (void)state;
    Journal j = {0};
    ScreenStack st;
    screen_stack_init(&st, &j);
    screen_push(&st, &a, 0);
    screen_push(&st, &b, 0);
    screen_push(&st, &overlay, 0);
    screen_draw(&st, 0);
    /* a is covered by b (not an overlay), so only b and the overlay draw. */
    assert_string_equal(j.log, "+a +b db do");
    screen_stack_clear(&st);
}

static void stack_refuses_to_grow_past_its_limit(void **state)
{
    (void)state;
    Journal j = {0};
    ScreenStack st;
    screen_stack_init(&st, &j);
    for (int i = 0; i < SCREEN_STACK_MAX; i++)
        assert_int_equal(screen_push(&st, &a, i), 0);
    assert_int_equal(screen_push(&st, &b, 0), -1);
    assert_int_equal(st.count, SCREEN_STACK_MAX);
    screen_stack_clear(&st);
}

/* A screen that replaces itself from its own handler (as the workout does
 * when the session ends) must not leave the stack inconsistent. */
static void selfish_handle(void *ctx, void *state, const InputEvent *ev)
{
    (void)state;
    (void)ev;
    Journal *j = ctx;
    screen_replace(j->stack, &c, 3);
}
static const ScreenDef selfish = {"s", 0, false, NULL, NULL, NULL, NULL, selfish_handle};

static void stack_survives_a_screen_replacing_itself(void **state)
{
    (void)state;
    Journal j = {0};
    ScreenStack st;
    j.stack = &st;
    screen_stack_init(&st, &j);
    screen_push(&st, &a, 0);
    screen_push(&st, &selfish, 0);
    InputEvent ev = {0};
    screen_handle(&st, &ev);
    assert_ptr_equal(screen_top(&st), &c);
    assert_int_equal(st.count, 2);
    screen_stack_clear(&st);
    assert_string_equal(j.log, "+a +c -c -a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stack_push_and_pop_call_enter_then_leave_in_order),
        cmocka_unit_test(stack_replace_leaves_the_old_screen_before_entering_the_new),
        cmocka_unit_test(stack_reset_pops_everything_top_first),
        cmocka_unit_test(stack_gives_input_to_the_top_screen_only),
        cmocka_unit_test(stack_draws_overlays_over_the_screen_below),
        cmocka_unit_test(stack_refuses_to_grow_past_its_limit),
        cmocka_unit_test(stack_survives_a_screen_replacing_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
